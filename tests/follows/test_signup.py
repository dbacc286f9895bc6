"""Double opt-in: the form, the one confirmation mail, the signed link (expired, tampered,
replayed), and unconfirmed requests forgotten after a week."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from follows import tasks
from follows.models import Follow, Follower
from tests.follows.conftest import ORIGIN, follow_form, link_in, make_follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def post(data, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("follows:follow"), data, **{**ORIGIN, **headers})

    return post


def test_following_sends_one_confirmation_and_nothing_else(ask, smtp, soundtrack):
    response = ask(follow_form(soundtrack))
    assert response.status_code == 303
    assert response["Location"] == reverse("follows:check_inbox")
    [message] = smtp.mails()
    assert message["To"] == "reader@example.com"
    assert message["Subject"] == "Confirm: follow Soundtrack #2 on Episodic"
    assert "List-Unsubscribe" not in message  # nothing to leave yet
    follower = Follower.objects.get()
    assert follower.state == Follower.State.PENDING
    assert follower.time_zone == "Europe/Berlin"
    assert follower.consent_wording == "2026-12"
    assert follower.consent_ip == "127.0.0.1"
    assert follower.source == "show_hub"
    assert Follow.objects.get().confirmed_at is None


def test_the_same_address_twice_gets_one_confirmation(ask, smtp, soundtrack):
    first = ask(follow_form(soundtrack))
    second = ask(follow_form(soundtrack, email="  Reader@EXAMPLE.com "))
    assert first.status_code == second.status_code == 303
    assert len(smtp.messages) == 1
    assert Follower.objects.count() == 1


def test_the_answer_is_the_same_for_a_subscribed_address(client, ask, smtp, soundtrack):
    make_follower("fan@example.com", show=soundtrack)
    known = ask(follow_form(soundtrack, email="fan@example.com"))
    unknown = ask(follow_form(soundtrack, email="new@example.com"))
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = client.get(known["Location"])
    assert page.status_code == 200
    assert b"If that address can receive mail from us" in page.content
    assert smtp.recipients() == ["new@example.com"]  # the follower already follows it


def test_confirming_follows_the_show(client, ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    path = link_in(smtp.mails()[0], "confirm")
    page = client.get(path)
    assert page.status_code == 200
    assert b"Yes, follow Soundtrack #2" in page.content
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert Follow.objects.get().confirmed_at is None  # a GET (a link scanner) confirms nothing
    done = client.post(path, **ORIGIN)
    assert done.status_code == 200
    assert b"You're following Soundtrack #2" in done.content
    assert Follow.objects.get().confirmed_at is not None
    assert Follower.objects.get().state == Follower.State.CONFIRMED


def test_a_replayed_confirmation_link_is_refused(client, ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    path = link_in(smtp.mails()[0], "confirm")
    assert client.post(path, **ORIGIN).status_code == 200
    again = client.post(path, **ORIGIN)
    assert again.status_code == 410
    assert b"already used" in again.content


def test_a_tampered_confirmation_link_is_refused(client, ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    path = link_in(smtp.mails()[0], "confirm")
    token = path.split("/")[3]
    for bad in (token[:-2] + "xx", token[::-1], "x" * 600, "W1sxXQ:1abc:def"):
        response = client.post(reverse("follows:confirm", args=[bad]), **ORIGIN)
        assert response.status_code == 400, bad
        assert b"not one of ours" in response.content
    assert Follow.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_is_refused(client, ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    path = link_in(smtp.mails()[0], "confirm")
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.post(path, **ORIGIN)
    assert response.status_code == 410
    assert b"expired" in response.content
    assert Follow.objects.get().confirmed_at is None


def test_a_confirmation_posted_from_another_site_is_refused(client, ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    path = link_in(smtp.mails()[0], "confirm")
    response = client.post(path, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert Follow.objects.get().confirmed_at is None


def test_unconfirmed_requests_are_forgotten_after_a_week(ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    confirmed = make_follower("fan@example.com", show=soundtrack)
    Follower.objects.filter(pk=confirmed.pk).update(created_at=timezone.now() - timedelta(days=30))
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        tasks.forget_unconfirmed.call()
    assert Follower.objects.filter(email="reader@example.com").exists()
    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1)):
        tasks.forget_unconfirmed.call()
    assert list(Follower.objects.values_list("email", flat=True)) == ["fan@example.com"]
    assert Follow.objects.filter(follower=confirmed).exists()


def test_a_new_request_after_a_forgotten_one_sends_a_new_confirmation(ask, smtp, soundtrack):
    ask(follow_form(soundtrack))
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        ask(follow_form(soundtrack))
    assert len(smtp.messages) == 2


def test_following_everything_from_the_footer(client, ask, smtp):
    ask(follow_form(None))
    assert smtp.mails()[0]["Subject"] == "Confirm: follow everything on the site on Episodic"
    client.post(link_in(smtp.mails()[0], "confirm"), **ORIGIN)
    follow = Follow.objects.get()
    assert follow.show is None and follow.confirmed_at is not None
    assert Follower.objects.get().source == "footer"
