"""The hostile-input sweep's machinery: which values to post, which of them a field must refuse,
and a tally of what happened, printed at the end of each sweep."""

import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.db import connection

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Each value replaces one field of a valid form in turn. None removes the field from the post
# (used for the inline formsets' management-form counts).
HOSTILE = {
    "not a number": "abc",
    "20-digit number": "9" * 20,
    "negative": "-1",
    "NUL bytes": "a\x00b",
    "100,000 characters": "x" * 100_000,
    "impossible date": "2023-02-30",
    "impossible time": "25:61:00",
    "unknown choice": "no-such-choice",
}
MISSING = "missing"

_DATES = (forms.DateField, forms.DateTimeField, forms.TimeField, forms.SplitDateTimeField)
_NUMBERS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DurationField,
    forms.UUIDField,
    *_DATES,
)

# The values that can go wrong differently for each kind of field, most telling first (the
# smaller passes take the first one or two). For free text a number or a date is ordinary
# text; a checkbox or an upload only knows "sent" or not.
_KINDS = {
    "relation": ("not a number", "20-digit number", "NUL bytes", "negative", "100,000 characters"),
    "choice": ("unknown choice", "NUL bytes", "20-digit number", "100,000 characters"),
    "date": (
        "impossible date",
        "NUL bytes",
        "impossible time",
        "20-digit number",
        "negative",
        "100,000 characters",
    ),
    "number": ("not a number", "20-digit number", "NUL bytes", "negative", "100,000 characters"),
    "text": ("NUL bytes", "100,000 characters"),
    "flag": ("not a number",),
    # A 20-digit form count makes Django build and render its maximum of 1,000 blank rows: no
    # error, only slow; tests/hardening/test_relation_inputs.py posts it once.
    "form count": ("not a number", MISSING, "NUL bytes", "negative"),
    # Django ignores the posted minimum and maximum.
    "ignored count": ("not a number",),
}


def kind_of(form_field, name):
    if name.endswith("TOTAL_FORMS") or name.endswith("INITIAL_FORMS"):
        return "form count"
    if name.endswith("MIN_NUM_FORMS") or name.endswith("MAX_NUM_FORMS"):
        return "ignored count"
    if form_field is None or isinstance(form_field, forms.BooleanField | forms.FileField):
        return "flag"
    if isinstance(form_field, forms.ModelChoiceField):
        return "relation"
    if isinstance(form_field, forms.ChoiceField):
        return "choice"
    if isinstance(form_field, _DATES):
        return "date"
    if isinstance(form_field, _NUMBERS):
        return "number"
    return "text"


def values_for(form_field, name, depth=None):
    """The hostile values to post to a field: every value that applies to its kind, or the
    first `depth` of them."""
    names = _KINDS[kind_of(form_field, name)][:depth]
    return {key: HOSTILE.get(key) for key in names}


def must_refuse(form_field, name, hostile):
    """True when `hostile` is not a value `form_field` (posted as `name`) may accept."""
    if name.endswith("TOTAL_FORMS") or name.endswith("INITIAL_FORMS"):
        return hostile not in {"negative", "20-digit number"}
    if form_field is None or form_field.disabled:
        return False
    if hostile == MISSING or isinstance(form_field, forms.BooleanField | forms.FileField):
        return False
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField):
        return True  # none of the hostile values is a choice
    if isinstance(form_field, _NUMBERS):
        if hostile == "negative" and isinstance(
            form_field, forms.IntegerField | forms.DecimalField
        ):
            return form_field.min_value is not None and form_field.min_value >= 0
        return True
    if isinstance(form_field, forms.CharField):
        if hostile == "NUL bytes":
            return True
        if hostile == "100,000 characters":
            return form_field.max_length is not None and form_field.max_length < 100_000
    return False


@dataclass
class Tally:
    forms: int = 0
    fields: int = 0
    submissions: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def report(self, title):
        statuses = dict(sorted(self.statuses.items()))
        return (
            f"{title}: {self.forms} forms, {self.fields} fields, {self.submissions} submissions, "
            f"{len(self.server_errors)} server errors, statuses {statuses}"
        )

    def submit(self, send, url, data, where, **headers):
        """Send one hostile form; the response, or None after a server error (recorded with
        its trace)."""
        self.submissions += 1
        try:
            response = send(url, data, **headers)
        except Exception as error:  # noqa: BLE001 - every crash is recorded, with its trace
            self.statuses[500] += 1
            self.server_errors.append(f"{where}: {error!r}\n{traceback.format_exc(limit=-4)}")
            return None
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{where}: {response.status_code}")
            return None
        return response

    def record(self, title, seconds):
        """The figures, in the test report and in test-artifacts/hardening-sweep.txt."""
        line = f"{self.report(title)} in {seconds:.1f} s ({connection.vendor})"
        ARTIFACTS.mkdir(exist_ok=True)
        with (ARTIFACTS / "hardening-sweep.txt").open("a") as figures:
            figures.write(line + "\n")
        return line
