"""The comment form carries no CSRF token: posting is refused from other sites by the same
check as every reader form (core.crossorigin), and the signed form is still stored once."""

import pytest
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from tests.cross_site import CROSS_SITE_HEADERS

from .conftest import form_data, make_comment

pytestmark = pytest.mark.django_db

POST = "/comments/post/"


def test_the_post_address_is_the_one_the_form_uses():
    assert reverse("discussion:post") == POST


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_cross_site_post_gets_a_readable_403_and_stores_nothing(recap, headers):
    response = Client().post(POST, form_data(recap), headers=headers)
    assert response.status_code == 403
    assert "This form was sent from another site" in response.content.decode()
    assert XtdComment.objects.count() == 0
    assert Moderation.objects.count() == 0
    assert not response.cookies


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_cross_site_reply_is_refused_too(recap, headers):
    parent = make_comment(recap, comment="Answer me")
    response = Client().post(POST, form_data(recap, reply_to=str(parent.pk)), headers=headers)
    assert response.status_code == 403
    assert XtdComment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        # Neither header: an old browser or curl; such a request carries no reader's cookies
        # from another site's page (core.crossorigin decides this for every reader form).
        {},
    ],
)
def test_a_same_origin_post_needs_no_csrf_token(recap, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(POST, form_data(recap), headers=headers)
    assert response.status_code == 302
    assert XtdComment.objects.get().comment == "What a lovely episode."


def test_a_signed_in_reader_posts_without_a_csrf_token(recap, django_user_model):
    user = django_user_model.objects.create_user("jiwoo", "jiwoo@example.com", "pw-jiwoo-123")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(POST, form_data(recap), headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302
    assert XtdComment.objects.get().user == user


def test_a_replayed_form_is_stored_once_without_a_csrf_token(recap):
    client = Client(enforce_csrf_checks=True)
    data = form_data(recap)
    headers = {"Sec-Fetch-Site": "same-origin"}
    assert client.post(POST, data, headers=headers).status_code == 302
    again = client.post(POST, data, headers=headers)
    assert again.status_code == 409
    assert "stored once" in again.content.decode()
    assert XtdComment.objects.count() == 1


def test_a_cross_site_post_does_not_use_up_the_readers_rate_limit(recap):
    client = Client(enforce_csrf_checks=True)
    for n in range(10):
        refused = client.post(
            POST, form_data(recap, comment=f"Forged {n}"), headers={"Origin": "null"}
        )
        assert refused.status_code == 403
    mine = client.post(POST, form_data(recap), headers={"Sec-Fetch-Site": "same-origin"})
    assert mine.status_code == 302


@pytest.mark.parametrize("page", ["recap", "reply", "form_page"])
def test_no_form_carries_a_csrf_token(recap, client, page):
    if page == "recap":
        response = client.get(recap.get_absolute_url())
    elif page == "reply":
        parent = make_comment(recap)
        response = client.get(reverse("discussion:reply", args=[parent.pk]))
    else:  # the form sent back with an invalid field
        response = client.post(POST, form_data(recap, email="not-an-email"))
        assert response.status_code == 400
    html = response.content.decode()
    assert 'class="comment-form"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in response.cookies
