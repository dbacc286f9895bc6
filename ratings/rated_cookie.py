"""The `rated` cookie: which episodes this browser has rated, and the score it gave each.

It holds "pk:score" entries joined by dots, oldest first, signed so a reader cannot edit it.
Keeping the score in the cookie lets the recap page say "You rated this episode 8" without a
query. A cookie that was tampered with, has expired or is malformed reads as empty.

Browsers keep at most about 4 KB a cookie, so only the last MAX_EPISODES entries are kept:
300 entries of seven-digit episode numbers still fit (a test checks this). A browser that rated
more than that many episodes could rate the oldest again; the rate limit still applies."""

import re
from datetime import timedelta

COOKIE_NAME = "rated"
SALT = "ratings.rated"
MAX_EPISODES = 300
MAX_AGE = timedelta(days=365)

# "," and ";" would be quoted in a Set-Cookie header; "." and ":" travel as they are.
_ENTRY = re.compile(r"([1-9][0-9]{0,18}):([1-9]|10)", re.ASCII)


def parse(value):
    """{episode pk: score}, in the order rated; {} unless every entry is well formed."""
    rated = {}
    for entry in value.split(".") if value else []:
        match = _ENTRY.fullmatch(entry)
        if match is None:
            return {}
        rated[int(match[1])] = int(match[2])
    return rated


def serialize(rated):
    """The cookie value for `rated`, keeping the most recent MAX_EPISODES entries."""
    recent = list(rated.items())[-MAX_EPISODES:]
    return ".".join(f"{pk}:{score}" for pk, score in recent)


def read(request):
    value = request.get_signed_cookie(
        COOKIE_NAME, default="", salt=SALT, max_age=MAX_AGE.total_seconds()
    )
    return parse(value)


def remember(request, response, rated, episode_pk, score):
    """Add `episode_pk` rated `score` to what `rated` (this request's cookie) holds, on
    `response`."""
    updated = {pk: given for pk, given in rated.items() if pk != episode_pk}
    updated[episode_pk] = score
    response.set_signed_cookie(
        COOKIE_NAME,
        serialize(updated),
        salt=SALT,
        max_age=MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def page_variant(request, spec):
    """The reader's scores for the episodes a page names (pagecache.cookies), as text."""
    if not spec["episodes"]:
        return ""
    rated = read(request)
    return ";".join(f"{pk}:{rated[pk]}" for pk in spec["episodes"] if rated.get(pk))
