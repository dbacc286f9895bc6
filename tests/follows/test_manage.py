"""The manage page every mail links to: frequency, digest time, pause, unfollow, unsubscribe
from everything, "delete everything about me", and the JSON export; signed links refused
when tampered, expired or for an erased address."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from follows import links
from follows.models import Delivery, Follow, Follower
from tests.follows.conftest import ORIGIN, make_follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(soundtrack, weekly_us_show):
    follower = make_follower("fan@example.com", show=soundtrack, consent_ip="203.0.113.9")
    Follow.objects.create(
        follower=follower, show=weekly_us_show, confirmed_at=timezone.now(), confirm_key=""
    )
    return follower


@pytest.fixture
def manage_path(follower):
    return reverse("follows:manage", args=[links.manage_token(follower)])


def settings_form(follower, **changes):
    data = {
        "action": "save",
        "digest_weekday": "0",
        "digest_hour": "7",
        "time_zone": "America/New_York",
    }
    for follow in follower.follows.all():
        data[f"f{follow.pk}-frequency"] = "each"
    return {**data, **changes}


def test_the_manage_page_lists_the_follows_privately(client, manage_path):
    response = client.get(manage_path)
    assert response.status_code == 200
    assert b"fan@example.com" in response.content
    assert b"Soundtrack #2" in response.content and b"Late Night" in response.content
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"


def test_changing_frequency_digest_time_and_pausing(client, follower, manage_path):
    late_night = follower.follows.get(show__slug="late-night")
    data = settings_form(follower, paused="on")
    data[f"f{late_night.pk}-frequency"] = "weekly"
    response = client.post(manage_path, data, **ORIGIN)
    assert response.status_code == 200
    assert b"Saved." in response.content
    follower.refresh_from_db()
    assert (follower.digest_weekday, follower.digest_hour) == (0, 7)
    assert follower.time_zone == "America/New_York"
    assert follower.paused
    assert Follow.objects.get(pk=late_night.pk).frequency == "weekly"
    # The next digest: a Monday, 7:00 in New York.
    local = follower.next_digest_at.astimezone(timezone.get_fixed_timezone(0))
    assert follower.next_digest_at is not None and local.tzinfo is not None


def test_unfollowing_one_show(client, follower, manage_path):
    soundtrack = follower.follows.get(show__slug="soundtrack-2")
    client.post(
        manage_path, settings_form(follower, **{f"f{soundtrack.pk}-remove": "on"}), **ORIGIN
    )
    assert list(follower.follows.values_list("show__slug", flat=True)) == ["late-night"]


def test_unsubscribing_from_everything(client, follower, manage_path):
    response = client.post(manage_path, {"action": "unsubscribe"}, **ORIGIN)
    assert response.status_code == 200
    follower.refresh_from_db()
    assert follower.state == Follower.State.UNSUBSCRIBED
    assert not follower.follows.exists()


def test_delete_everything_about_me(client, follower, manage_path, recap):
    Delivery.objects.create(follower=follower, recap=recap, kind="alert", state="sent")
    response = client.post(manage_path, {"action": "erase"}, **ORIGIN)
    assert response.status_code == 200
    assert not Follower.objects.exists()
    assert not Follow.objects.exists() and not Delivery.objects.exists()
    again = client.get(manage_path)
    assert again.status_code == 410


def test_the_json_export_holds_what_is_stored(client, follower, recap):
    Delivery.objects.create(follower=follower, recap=recap, kind="alert", state="sent")
    response = client.get(reverse("follows:export", args=[links.manage_token(follower)]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "fan@example.com"
    assert data["consent"]["ip_address"] == "203.0.113.9"
    assert data["consent"]["wording_version"] == "2026-12"
    assert "Never a spoiler in the mail" in data["consent"]["wording"]
    assert sorted(f["show"] for f in data["follows"]) == ["Late Night", "Soundtrack #2"]
    assert data["messages"][0]["state"] == "sent"


def test_a_tampered_manage_link_is_refused(client, follower, manage_path):
    token = manage_path.split("/")[3]
    for bad in (token[:-3] + "abc", "nonsense", "W1sxLCJ4Il0"):
        response = client.get(reverse("follows:manage", args=[bad]))
        assert response.status_code == 400
        response = client.post(reverse("follows:unsubscribe", args=[bad]))
        assert response.status_code == 400
    follower.refresh_from_db()
    assert follower.state == Follower.State.CONFIRMED


def test_an_expired_manage_link_is_refused(client, follower, manage_path):
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        response = client.get(manage_path)
    assert response.status_code == 410


def test_links_from_before_an_unsubscribe_and_return_no_longer_work(
    client, follower, manage_path, soundtrack, django_capture_on_commit_callbacks
):
    from follows import subscriptions

    subscriptions.unsubscribe_all(follower)
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.ask("fan@example.com", soundtrack, "each", "UTC", "footer", "2026-12", None)
    assert client.get(manage_path).status_code == 410


def test_settings_posted_from_another_site_are_refused(client, follower, manage_path):
    response = client.post(manage_path, {"action": "erase"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert Follower.objects.exists()


def test_no_shortcut_leads_to_a_followers_manage_page(client, follower):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Follower)
    response = client.get(f"/comments/cr/{kind.pk}/{follower.pk}/")
    assert response.status_code == 404
    assert not response.has_header("Location")
