"""Cursor pagination over a keyset: a page is the rows after the last one of the page before,
in a fixed order, so a row published meanwhile never shifts a client's next page and a page
deep in the archive costs what the first does (an index range, no OFFSET).

A cursor is the last row's values in that order, signed: a client cannot make one that asks
the database for something else, and a cursor that was altered, cut or made for another
list is a 400, never a query."""

from django.core import signing
from django.db.models import Q

SALT = "api.cursor"
MAX_CURSOR_LENGTH = 500


class BadCursor(ValueError):
    pass


def _field(name):
    return name.removeprefix("-")


def _after(ordering, values):
    """The condition "comes after `values`" in `ordering` (each field with its direction)."""
    condition = Q()
    for index, name in enumerate(ordering):
        equal = {
            _field(earlier): value
            for earlier, value in zip(ordering[:index], values[:index], strict=True)
        }
        lookup = "lt" if name.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{_field(name)}__{lookup}": values[index]})
    return condition


def read(cursor, scope, ordering):
    """The position a cursor names, or None for the first page."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise BadCursor("This cursor is not one we gave.")
    try:
        position = signing.loads(cursor, salt=f"{SALT}:{scope}")
    except signing.BadSignature as error:
        raise BadCursor("This cursor is not one we gave.") from error
    if not isinstance(position, list) or len(position) != len(ordering):
        raise BadCursor("This cursor is not one we gave.")
    return position


def page(queryset, ordering, cursor, size, scope):
    """(rows, cursor of the next page or None): `size` rows of `queryset` in `ordering`, from
    the position `cursor` names. `scope` names the list (and its filters), so a cursor of one
    list is refused by another. One query."""
    position = read(cursor, scope, ordering)
    queryset = queryset.order_by(*ordering)
    if position is not None:
        queryset = queryset.filter(_after(ordering, position))
    rows = list(queryset[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    last = rows[-1]
    values = [_json_value(getattr(last, _field(name))) for name in ordering]
    return rows, signing.dumps(values, salt=f"{SALT}:{scope}", compress=True)


def _json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value
