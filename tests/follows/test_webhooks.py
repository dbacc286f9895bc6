"""Bounces and complaints from the provider (django-anymail's tracking webhook, Postmark's
payloads here): a hard bounce or a complaint suppresses the address at once, three soft
bounces do; the webhook refuses requests without its secret; a suppressed address gets no
more mail and cannot be signed up again."""

import base64
import json

import pytest
from django.urls import reverse

from follows.models import Delivery, Follower, Suppression
from follows.sending import alert_batch
from tests.follows.conftest import ORIGIN, follow_form, make_follower

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.follows.webhook_urls")]

URL = "/anymail/postmark/tracking/"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": "postmark:s3cret"}


def auth(secret="postmark:s3cret"):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def event(kind, address, message_id="pm-1", **extra):
    record = {
        "HardBounce": "Bounce",
        "SoftBounce": "Bounce",
        "SpamComplaint": "SpamComplaint",
    }[kind]
    return json.dumps(
        {
            "RecordType": record,
            "Type": kind,
            "ID": 42,
            "MessageID": message_id,
            "Email": address,
            "BouncedAt": "2026-12-06T10:00:00Z",
            "Description": kind,
            "Details": "smtp;550 5.1.1 no such user" if kind == "HardBounce" else "mailbox full",
            **extra,
        }
    )


def post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", **(headers or auth()))


def test_a_hard_bounce_suppresses_at_once(client, soundtrack, recap):
    follower = make_follower("gone@example.com", show=soundtrack)
    Delivery.objects.create(
        follower=follower, recap=recap, kind="alert", state="sent", message_id="pm-1"
    )
    assert post(client, event("HardBounce", "gone@example.com")).status_code == 200
    follower.refresh_from_db()
    assert follower.state == Follower.State.SUPPRESSED
    assert Suppression.objects.get().reason == Suppression.Reason.HARD_BOUNCE
    assert Delivery.objects.get().state == Delivery.State.BOUNCED


def test_a_complaint_suppresses_at_once(client, soundtrack):
    follower = make_follower("angry@example.com", show=soundtrack)
    post(client, event("SpamComplaint", "angry@example.com"))
    follower.refresh_from_db()
    assert follower.state == Follower.State.SUPPRESSED
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINT


def test_soft_bounces_suppress_after_three(client, soundtrack):
    follower = make_follower("full@example.com", show=soundtrack)
    for count in (1, 2):
        post(client, event("SoftBounce", "full@example.com", message_id=f"pm-{count}"))
        follower.refresh_from_db()
        assert (follower.state, follower.soft_bounces) == ("confirmed", count)
    post(client, event("SoftBounce", "full@example.com", message_id="pm-3"))
    follower.refresh_from_db()
    assert follower.state == Follower.State.SUPPRESSED
    assert Suppression.objects.get().reason == Suppression.Reason.SOFT_BOUNCES


@pytest.mark.parametrize("headers", [{}, auth("postmark:wrong")], ids=["none", "wrong"])
def test_the_webhook_needs_its_secret(client, soundtrack, headers):
    follower = make_follower("gone@example.com", show=soundtrack)
    response = client.post(
        URL, event("HardBounce", "gone@example.com"), content_type="application/json", **headers
    )
    assert response.status_code in (400, 401, 403)
    follower.refresh_from_db()
    assert follower.state == Follower.State.CONFIRMED
    assert not Suppression.objects.exists()


def test_a_suppressed_address_gets_no_mail_and_cannot_sign_up_again(
    client, smtp, soundtrack, recap, django_capture_on_commit_callbacks
):
    make_follower("gone@example.com", show=soundtrack)
    make_follower("fine@example.com", show=soundtrack)
    post(client, event("HardBounce", "gone@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("follows:follow"), follow_form(soundtrack, email="GONE@example.com"), **ORIGIN
        )
    assert response.status_code == 303  # the same answer as for anyone
    assert smtp.messages == []
    from django.utils import timezone

    recap.published_at = timezone.now()
    recap.save()
    alert_batch(recap.pk)
    assert smtp.recipients() == ["fine@example.com"]


def test_suppression_outlives_erasure(client, soundtrack):
    from follows import subscriptions

    follower = make_follower("gone@example.com", show=soundtrack)
    post(client, event("HardBounce", "gone@example.com"))
    subscriptions.erase(follower)
    assert not Follower.objects.exists()
    assert "gone@example.com" not in Suppression.objects.get().address  # only a digest
    assert Suppression.covers("gone@example.com")
