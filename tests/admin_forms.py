"""Read an admin change form from its HTML the way a browser would, so tests POST exactly what
an editor's browser sends: every field with its current value and the inline management forms.
The hidden `__prefix__` template rows are kept aside: "Add another" copies them, defaults
included, and so does `add_inline_rows`."""

from html.parser import HTMLParser

from django.urls import reverse
from django.utils.html import escape

_BUTTONS = {"submit", "button", "image", "reset", "file"}


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.found = False
        self.data = {}
        self.templates = {}
        self._textarea = None
        self._select = None
        self._options = []
        self._option = None

    def _add(self, name, value):
        if "-__prefix__-" in name:
            prefix, field = name.split("-__prefix__-", 1)
            self.templates.setdefault(prefix, {})[field] = value
        else:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            self.found = self.found or self.in_form
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in _BUTTONS:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
                return
            self._add(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select:
            self._option = {
                "value": attrs.get("value"),
                "text": "",
                "selected": "selected" in attrs,
            }
            self._options.append(self._option)

    def handle_data(self, data):
        if self._textarea and "__prefix__" not in self._textarea:
            self.data[self._textarea][-1] += data
        elif self._textarea:
            prefix, field = self._textarea.split("-__prefix__-", 1)
            self.templates[prefix][field] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [option for option in self._options if option["selected"]]
            if not chosen and not multiple and self._options:
                chosen = self._options[:1]  # a browser sends the first option
            for option in chosen:
                self._add(name, option["text"] if option["value"] is None else option["value"])
            self._select = None


class FormData(dict):
    """POST data, plus the blank row of each inline formset (`templates[prefix]`)."""

    templates: dict[str, dict[str, str]]


def form_data(response, form_id=None):
    """The POST data the admin add/change form in `response` would submit: strings, or lists
    for fields that send several values."""
    if form_id is None:
        form_id = f"{response.context['adminform'].model_admin.opts.model_name}_form"
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    assert parser.found, f"no form #{parser.form_id} in the page"
    data = FormData(
        (name, values[0] if len(values) == 1 else values) for name, values in parser.data.items()
    )
    data.templates = parser.templates
    return data


def add_inline_rows(data, prefix, *rows):
    """Append rows to inline formset `prefix` (such as "episodes") in POST `data`, as "Add
    another" would: the blank row's defaults, then the values an editor typed."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for field, value in {**data.templates[prefix], **row}.items():
            data[f"{prefix}-{total + offset}-{field}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def post_still(client, recap, upload, **fields):
    """The recap's change form as the editor's browser sends it, with one still added."""
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    row = {"alt_text": "Two people under an umbrella", "caption": "Still", **fields}
    add_inline_rows(data, "stills", {**row, "image": upload})
    return client.post(url, data)


def assert_rejected(response, message):
    """The admin re-rendered the form (no redirect, no crash) and shows `message` to the editor."""
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    assert response.context["errors"], "the form was not marked as having errors"
    assert escape(message) in response.text, f"{message!r} not on the page"
