"""Who skips moderation: a browser that posted a comment a moderator approved, under the same
e-mail (discussion.authorship). An address typed into the form proves nothing, so the site's
own address, a staff member's or a regular's, typed in any other browser, is held."""

import itertools

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from discussion import authorship
from discussion.models import Moderation

from .conftest import become_known, form_data, make_comment

pytestmark = pytest.mark.django_db


POSTS = itertools.count()


def status_after_posting(reader, recap, email):
    text = f"Me again ({next(POSTS)})."
    reader.post(reverse("discussion:post"), form_data(recap, email=email, comment=text))
    comment = XtdComment.objects.latest("pk")
    return comment.moderation.status, comment.is_public


def test_the_sites_own_address_from_a_fresh_browser_is_held(recap, settings):
    """ "Reply as the site" signs approved comments with DEFAULT_FROM_EMAIL."""
    settings.DEFAULT_FROM_EMAIL = "recaps@episodic.example"
    make_comment(recap, user_name="Episodic", user_email=settings.DEFAULT_FROM_EMAIL)
    status = status_after_posting(Client(), recap, "recaps@episodic.example")
    assert status == (Moderation.Status.HELD, False)


def test_a_staff_members_address_from_a_fresh_browser_is_held(recap, editor):
    make_comment(recap, user_name="Editor", user_email=editor.email, user=editor)
    assert status_after_posting(Client(), recap, editor.email) == (Moderation.Status.HELD, False)


def test_a_regulars_address_is_known_in_their_browser_only(recap):
    regular = Client()
    become_known(regular, recap, email="regular@example.com")
    assert status_after_posting(Client(), recap, "Regular@Example.com") == (
        Moderation.Status.HELD,
        False,
    )
    assert status_after_posting(regular, recap, "Regular@Example.com") == (
        Moderation.Status.APPROVED,
        True,
    )


def test_a_known_browser_under_another_address_is_held(recap):
    regular = Client()
    become_known(regular, recap, email="regular@example.com")
    status = status_after_posting(regular, recap, "someone-else@example.com")
    assert status == (Moderation.Status.HELD, False)


def test_a_browser_whose_comment_is_still_held_is_not_known_yet(recap):
    reader = Client()
    reader.post(reverse("discussion:post"), form_data(recap, comment="First."))
    assert status_after_posting(reader, recap, "jiwoo@example.com") == (
        Moderation.Status.HELD,
        False,
    )


@pytest.mark.parametrize("value", ["1", "1.2.3", "", "abc", "9" * 40, "<script>"])
def test_a_cookie_written_by_hand_is_ignored(recap, value):
    approved = make_comment(recap, user_email="regular@example.com")
    forger = Client()
    forger.cookies[authorship.COOKIE_NAME] = value.replace("1", str(approved.pk), 1)
    status = status_after_posting(forger, recap, "regular@example.com")
    assert status == (Moderation.Status.HELD, False)


def test_the_cookie_keeps_the_last_comments_only():
    request = RequestFactory().post(reverse("discussion:post"))
    response = HttpResponse()
    for pk in range(1, authorship.MAX_COMMENTS + 10):
        authorship.remember(request, response, pk)
        request.COOKIES[authorship.COOKIE_NAME] = response.cookies[authorship.COOKIE_NAME].value
    assert authorship.read(request) == list(range(10, authorship.MAX_COMMENTS + 10))
    assert len(response.cookies[authorship.COOKIE_NAME].OutputString()) < 4000
