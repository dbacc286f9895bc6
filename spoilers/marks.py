"""How far a reader has watched each show, kept in a signed cookie: no account needed.

The `watched` cookie holds `show pk:mark` pairs, the most recently set first, for example
`12:4_7:all` (show 12 watched up to episode 4, show 7 watched to the end). Only the characters
a cookie may carry unquoted are used. A signature that does not verify, or a value that does
not parse, counts as no marks at all: that reader sees the pages everyone sees."""

import re

COOKIE = "watched"
SALT = "spoilers.watched"
MAX_AGE = 365 * 24 * 60 * 60
# Bounds the cookie (about 600 bytes at most): the shows touched longest ago drop out.
MAX_SHOWS = 50
MAX_EPISODE_NUMBER = 32767  # Episode.number is a PositiveSmallIntegerField
ALL = "all"

_ENTRY = re.compile(r"([1-9][0-9]{0,9}):([1-9][0-9]{0,4}|all)")
_SEPARATOR = "_"


class Marks:
    """Show pk → the last episode watched (an int) or ALL; immutable, most recent first."""

    def __init__(self, entries=()):
        self._by_show = dict(entries)

    def __bool__(self):
        return bool(self._by_show)

    def get(self, show_pk):
        return self._by_show.get(show_pk)

    def hides(self, show_pk, number):
        """True when episode `number` of the show comes after the reader's mark."""
        mark = self._by_show.get(show_pk)
        return isinstance(mark, int) and number is not None and number > mark

    def with_mark(self, show_pk, mark):
        others = [(pk, value) for pk, value in self._by_show.items() if pk != show_pk]
        return Marks([(show_pk, mark), *others][:MAX_SHOWS])

    def without(self, show_pk):
        return Marks((pk, value) for pk, value in self._by_show.items() if pk != show_pk)

    def serialise(self):
        return _SEPARATOR.join(f"{pk}:{value}" for pk, value in self._by_show.items())

    @classmethod
    def parse(cls, text):
        """The marks in a cookie value; no marks if any part of it is not what we write."""
        if not text or not isinstance(text, str):
            return cls()
        entries = {}
        parts = text.split(_SEPARATOR)
        if len(parts) > MAX_SHOWS:
            return cls()
        for part in parts:
            match = _ENTRY.fullmatch(part)
            if match is None:
                return cls()
            show_pk, value = int(match[1]), match[2]
            mark = ALL if value == ALL else int(value)
            if show_pk in entries or (mark != ALL and mark > MAX_EPISODE_NUMBER):
                return cls()
            entries[show_pk] = mark
        return cls(entries.items())


def for_request(request):
    """The reader's marks, read from the cookie once per request."""
    if not hasattr(request, "_watched_marks"):
        value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=MAX_AGE)
        request._watched_marks = Marks.parse(value)
    return request._watched_marks


def save(response, request, marks):
    """Store `marks` on the reader's browser, or remove the cookie when none are left."""
    if not marks:
        response.delete_cookie(COOKIE, samesite="Lax")
        return
    response.set_signed_cookie(
        COOKIE,
        marks.serialise(),
        salt=SALT,
        max_age=MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def page_variant(request, spec):
    """The reader's marks on the shows a page names (pagecache.cookies), as text."""
    watched = for_request(request)
    return ";".join(f"{pk}:{watched.get(pk)}" for pk in spec["shows"] if watched.get(pk))
