import pytest
from django.http import HttpResponse
from django.urls import reverse

from spoilers import marks
from tests.reader.conftest import series  # noqa: F401 - the reader tests' Soundtrack #2 data

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def post_mark(client, show, action="episode", episode=None, next_url=None, headers=SAME_ORIGIN):
    """What the "I've watched" form sends, as a browser on this site sends it."""
    data = {"show": show if isinstance(show, str) else show.pk, "action": action}
    if episode is not None:
        data["episode"] = episode
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("spoilers:mark"), data, headers=headers)


def signed(value):
    """A `watched` cookie value signed the way the site signs it (whatever `value` holds)."""
    response = HttpResponse()
    response.set_signed_cookie(marks.COOKIE, value, salt=marks.SALT)
    return response.cookies[marks.COOKIE].value


@pytest.fixture
def watch(client):
    """Mark `show` as watched up to `episode` (or "all") through the real form."""

    def mark(show, episode):
        if episode == marks.ALL:
            response = post_mark(client, show, action="all")
        else:
            response = post_mark(client, show, episode=episode)
        assert response.status_code == 303
        return client

    return mark


def html(response):
    return response.content.decode()
