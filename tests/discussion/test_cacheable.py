"""The pages that show comments can be kept by a shared cache: an anonymous reader gets no
cookie and the same bytes as every other anonymous reader. Only a reader whose comment was
held gets a session, and with it their comment "awaiting moderation". Posting a comment leaves
the `commented` cookie (discussion.authorship), which browsers send to the posting URL only."""

from types import SimpleNamespace

import django_comments.forms
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation, RecapDiscussion
from discussion.threads import THREADS_PER_PAGE

from .conftest import become_known, form_data, make_comment

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def address(recap, page):
    """The reader pages that show comments or the comment form."""
    if page == "recap, comments open":
        return recap.get_absolute_url()
    if page == "recap, comments closed":
        RecapDiscussion.objects.create(recap=recap, reason="Closed after spoilers.")
        return recap.get_absolute_url()
    if page == "recap, after posting":
        return f"{recap.get_absolute_url()}?posted=1"
    if page == "reply":
        return reverse("discussion:reply", args=[make_comment(recap, comment="Answer me").pk])
    return reverse("discussion:thread", args=[make_comment(recap, comment="Start").pk])


PAGES = [
    "recap, comments open",
    "recap, comments closed",
    "recap, after posting",
    "reply",
    "thread",
]


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_reader_gets_no_cookie(recap, page):
    make_comment(recap, comment="Already here")
    response = Client().get(address(recap, page))
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_every_anonymous_reader_gets_the_same_bytes(recap, page, monkeypatch):
    """No per-request value (CSRF token, CSP nonce, …) in the HTML or the CSP header. The
    comment form's signed timestamp is the only value that changes, once a second, for
    everyone alike; it is held still here."""
    monkeypatch.setattr(django_comments.forms, "time", SimpleNamespace(time=lambda: 1.7e9))
    url = address(recap, page)
    first = Client(REMOTE_ADDR="192.0.2.1").get(url)
    second = Client(REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Other").get(url)
    assert first.content == second.content
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce" not in first.content.decode() + first["Content-Security-Policy"]


def test_the_form_is_dated_for_everyone_alike(recap):
    html = Client().get(recap.get_absolute_url()).content.decode()
    assert 'name="timestamp"' in html and 'name="security_hash"' in html


def test_a_held_comment_starts_the_session_and_is_shown_to_its_author(recap):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post(
        reverse("discussion:post"), form_data(recap, comment="Only mine"), headers=SAME_ORIGIN
    )
    comment = XtdComment.objects.get()
    assert Moderation.objects.get().status == Moderation.Status.HELD
    assert set(response.cookies) == {"sessionid", "commented"}
    assert response.cookies["commented"]["path"] == reverse("discussion:post")
    assert response["Location"] == (
        f"{recap.get_absolute_url()}?posted={comment.pk}#comment-held-{comment.pk}"
    )
    page = reader.get(response["Location"])
    assert page.status_code == 200
    held = page.content.decode()
    assert f'id="comment-held-{comment.pk}"' in held
    assert "Only mine" in held and "Awaiting moderation" in held
    assert "csrftoken" not in page.cookies
    # Another reader, and the cacheable page, never show it.
    assert "Only mine" not in Client().get(recap.get_absolute_url()).content.decode()


def test_an_approved_comment_lands_on_an_uncached_address_that_sets_no_cookie(recap):
    reader = Client(enforce_csrf_checks=True)
    become_known(reader, recap)
    response = reader.post(
        reverse("discussion:post"), form_data(recap, comment="Straight in"), headers=SAME_ORIGIN
    )
    comment = XtdComment.objects.latest("pk")
    assert comment.is_public
    assert set(response.cookies) == {"commented"}
    assert response.cookies["commented"]["path"] == reverse("discussion:post")
    assert response["Location"] == f"{recap.get_absolute_url()}?posted={comment.pk}#c{comment.pk}"
    page = reader.get(response["Location"])
    assert page.status_code == 200
    assert not page.cookies
    assert f'id="c{comment.pk}"' in page.content.decode()
    assert "2 comments" in page.content.decode()


def test_a_comment_on_a_later_page_of_threads_lands_on_that_page(recap):
    reader = Client()
    become_known(reader, recap)
    for n in range(THREADS_PER_PAGE - 1):
        make_comment(recap, comment=f"Thread {n}")
    response = reader.post(
        reverse("discussion:post"), form_data(recap, comment="On page two"), headers=SAME_ORIGIN
    )
    comment = XtdComment.objects.latest("pk")
    assert response["Location"] == (
        f"{recap.get_absolute_url()}?comments=2&posted={comment.pk}#c{comment.pk}"
    )
    assert "On page two" in Client().get(response["Location"]).content.decode()


@pytest.mark.parametrize("posted", ["1", "", "abc", "9" * 40, "<script>"])
def test_the_posted_parameter_changes_nothing_on_the_page(recap, posted, monkeypatch):
    monkeypatch.setattr(django_comments.forms, "time", SimpleNamespace(time=lambda: 1.7e9))
    make_comment(recap, comment="Already here")
    plain = Client().get(recap.get_absolute_url())
    marked = Client().get(recap.get_absolute_url(), {"posted": posted})
    assert marked.status_code == 200
    # The reader's forms (mark, theme, rating) come back to the address as it was asked for.
    query = marked.wsgi_request.get_full_path().removeprefix(recap.get_absolute_url())
    assert query.startswith("?posted=")
    assert marked.content.decode().replace(escape(query), "") == plain.content.decode()
