"""The API's query parameters: their shapes and bounds as the schema states them (django-ninja
`Query`/`Path` with pydantic constraints), and the reading that turns what the schema allows
but we still refuse (an unknown field, an unreadable spoiler mark or cursor, a 31 February)
into a 400 with a sentence saying why."""

from typing import Annotated

from django.utils.dateparse import parse_date, parse_datetime
from ninja import Path, Query
from ninja.errors import HttpError
from pydantic import StringConstraints, WithJsonSchema

from spoilers.marks import Marks

from . import cursors, schemas

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PARAMETER_LENGTH = 200


def text_parameter(name, value):
    if value is not None and (len(value) > MAX_PARAMETER_LENGTH or "\x00" in value):
        raise HttpError(400, f"{name} is too long or holds a NUL character.")
    return value or None


def watched_marks(value):
    """The `watched=` mark, parsed by the spoiler cookie's own rules; a mark we could not read
    is an error here (the site ignores a bad cookie, but a client wants to know)."""
    value = text_parameter("watched", value)
    if not value:
        return Marks()
    marks = Marks.parse(value)
    if not marks:
        raise HttpError(400, "watched must read like 12:4_7:all (show id:last episode watched).")
    return marks


def picked_fields(value, allowed):
    value = text_parameter("fields", value)
    if not value:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(allowed))
    if unknown or not names:
        raise HttpError(400, f"Unknown fields: {', '.join(unknown)}. Known: {', '.join(allowed)}.")
    return names


def pick(payload, names):
    return payload if names is None else {name: payload[name] for name in names if name in payload}


def size_of(value):
    return PAGE_SIZE if value is None else max(1, min(MAX_PAGE_SIZE, value))


def next_address(request, cursor):
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paged(request, queryset, ordering, cursor, size, scope):
    try:
        return cursors.page(queryset, ordering, text_parameter("cursor", cursor), size, scope)
    except cursors.BadCursor as error:
        raise HttpError(400, str(error)) from error


RECAP_FIELDS = tuple(schemas.Recap.model_fields)
SHOW_FIELDS = tuple(schemas.Show.model_fields)

# The parameters, with the shapes and bounds the schema promises; what they allow and we still
# refuse (an unknown field, a mark we cannot read) is a 400 the schema names too.
SLUG = r"^[-a-zA-Z0-9_]+$"


def slug_query(description):
    return Query(None, max_length=MAX_PARAMETER_LENGTH, pattern=SLUG, description=description)


WATCHED = Query(
    None,
    max_length=MAX_PARAMETER_LENGTH,
    description="The reader's spoiler mark: show id:last episode watched (or all), "
    "`_`-separated, as 12:4_7:all. What comes after it is masked.",
)
CURSOR = Query(None, max_length=cursors.MAX_CURSOR_LENGTH, description="From a `next` address.")
PAGE_SIZE_QUERY = Query(None, ge=1, le=MAX_PAGE_SIZE)
SLUG_PATH = Path(..., max_length=MAX_PARAMETER_LENGTH, pattern=SLUG)
# Dates and times as text, read by Django's ISO 8601 parsers: pydantic would also take a
# number for either (a Unix time), which the schema's formats do not allow.
RFC3339_MOMENT = r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"
RFC3339_DATE = r"^\d{4}-\d{2}-\d{2}$"
MomentText = Annotated[
    str,
    StringConstraints(max_length=40, pattern=RFC3339_MOMENT),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "maxLength": 40, "pattern": RFC3339_MOMENT}
    ),
]
DateText = Annotated[
    str,
    StringConstraints(max_length=10, pattern=RFC3339_DATE),
    WithJsonSchema({"type": "string", "format": "date", "maxLength": 10, "pattern": RFC3339_DATE}),
]
MOMENT = Query(None, description="An RFC 3339 date and time, as 2024-05-01T09:00:00Z.")
AIRED_AFTER = Query(None, description="Episodes that air after this date (YYYY-MM-DD).")
SHOW_QUERY = slug_query("A show's slug.")
TAG_QUERY = slug_query("A tag's slug.")
CREDITED_IN_QUERY = slug_query("People credited in this show (its slug).")


def fields_query(names):
    return Query(
        None,
        max_length=MAX_PARAMETER_LENGTH,
        description=f"Fields to give, comma-separated, of: {', '.join(names)}.",
    )


RECAP_FIELDS_QUERY = fields_query(RECAP_FIELDS)
SHOW_FIELDS_QUERY = fields_query(SHOW_FIELDS)


def moment_parameter(name, value):
    """The moment an RFC 3339 date and time names (the pattern checked its form), or None
    without one; a 400 for one that is no moment (a 31 February)."""
    if not value:
        return None
    try:
        moment = parse_datetime(value.upper())
    except ValueError:
        moment = None
    if moment is None:
        raise HttpError(400, f"{name} must be a date and time, as 2024-05-01T09:00:00Z.")
    return moment


def date_parameter(name, value):
    if not value:
        return None
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        raise HttpError(400, f"{name} must be a date, as 2024-05-01.")
    return day
