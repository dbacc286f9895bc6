"""The `commented` cookie: which comments this browser posted, so that a reader whose comment a
moderator approved is recognised when they comment again.

An e-mail address typed into the form proves nothing: anyone can type the site's own address
(the one "Reply as the site" signs with), a staff member's or a regular's, and being known lets
a comment skip moderation. The cookie holds the ids of the comments this browser posted,
signed so a reader cannot add someone else's; a comment is from a known commenter when one of
those comments, under the same e-mail, is public (discussion.moderation.is_known_commenter).

It is sent to the posting URL only (its path), so reader pages never see it: they stay the same
for every reader and cacheable, and nginx's cookie rules need not know it. A cookie that was
tampered with, has expired or is malformed reads as empty: the comment is held, as a first
one is. Only the last MAX_COMMENTS ids are kept."""

import re
from datetime import timedelta

from django.urls import reverse

COOKIE_NAME = "commented"
SALT = "discussion.commented"
MAX_COMMENTS = 50
MAX_AGE = timedelta(days=365)

_IDS = re.compile(r"[1-9][0-9]{0,18}(?:\.[1-9][0-9]{0,18})*", re.ASCII)


def read(request):
    """The ids of the comments this browser posted, oldest first; [] unless well formed."""
    value = request.get_signed_cookie(
        COOKIE_NAME, default="", salt=SALT, max_age=MAX_AGE.total_seconds()
    )
    if not _IDS.fullmatch(value):
        return []
    return [int(pk) for pk in value.split(".")]


def remember(request, response, comment_pk):
    """Add `comment_pk` to what this request's cookie holds, on `response`."""
    updated = [pk for pk in read(request) if pk != comment_pk] + [comment_pk]
    response.set_signed_cookie(
        COOKIE_NAME,
        ".".join(str(pk) for pk in updated[-MAX_COMMENTS:]),
        salt=SALT,
        max_age=MAX_AGE,
        path=reverse("discussion:post"),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
