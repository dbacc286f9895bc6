"""Hostile input on the follow form and the manage page: a clear message, a 4xx, nothing
stored or changed."""

import pytest
from django.urls import reverse

from follows import links
from follows.models import Follow, Follower
from tests.follows.conftest import ORIGIN, follow_form, make_follower

pytestmark = pytest.mark.django_db

BAD_FOLLOW = {
    "no address": ({"email": ""}, b"This field is required"),
    "not an address": ({"email": "not-an-address"}, b"Enter a valid email address"),
    "script": ({"email": "<script>alert(1)</script>@example.com"}, b"valid email"),
    "huge address": ({"email": "a" * 100_000 + "@example.com"}, b"at most 254"),
    "NUL byte": ({"email": "a\x00b@example.com"}, b"Null characters are not allowed"),
    "unknown show": ({"show": "no-such-show"}, b"no show by that name"),
    "hostile show": ({"show": "<b>x</b>"}, b"valid"),
    "unknown frequency": ({"frequency": "hourly"}, b"Select a valid choice"),
    "unknown zone": ({"time_zone": "Mars/Olympus_Mons"}, b"time zone is not one we know"),
    "zone path": ({"time_zone": "../../etc/passwd"}, b"time zone is not one we know"),
    "huge zone": ({"time_zone": "x" * 10_000}, b"at most 64"),
    "unknown wording": ({"wording": "1999"}, b"Select a valid choice"),
    "made-up source": ({"source": "demo"}, b"Select a valid choice"),
}


@pytest.mark.parametrize("case", BAD_FOLLOW, ids=list(BAD_FOLLOW))
def test_a_bad_follow_request_is_refused_and_stores_nothing(client, smtp, soundtrack, case):
    changes, message = BAD_FOLLOW[case]
    response = client.post(reverse("follows:follow"), follow_form(soundtrack, **changes), **ORIGIN)
    assert response.status_code == 400
    assert message in response.content
    assert b"Nothing was changed." in response.content
    assert not Follower.objects.exists() and not Follow.objects.exists()
    assert smtp.messages == []


def test_a_unicode_domain_is_taken(client, smtp, soundtrack, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("follows:follow"),
            follow_form(soundtrack, email="anna@bücher.example"),
            **ORIGIN,
        )
    assert response.status_code == 303
    assert Follower.objects.get().email == "anna@bücher.example"
    assert smtp.recipients() == ["anna@xn--bcher-kva.example"]


def test_a_unicode_mailbox_name_is_refused_clearly(client, smtp, soundtrack):
    response = client.post(
        reverse("follows:follow"), follow_form(soundtrack, email="jürgen@example.com"), **ORIGIN
    )
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert not Follower.objects.exists()


def test_a_follow_from_another_site_is_refused(client, soundtrack):
    response = client.post(
        reverse("follows:follow"), follow_form(soundtrack), HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert not Follower.objects.exists()


def test_a_get_of_the_follow_address_is_refused(client):
    assert client.get(reverse("follows:follow")).status_code == 405


def test_too_many_follow_requests_from_one_address(client, settings, soundtrack):
    settings.FOLLOWS_RATE_LIMIT_PER_MINUTE = 2
    codes = [
        client.post(
            reverse("follows:follow"), follow_form(soundtrack, email=f"r{n}@example.com"), **ORIGIN
        ).status_code
        for n in range(3)
    ]
    assert codes == [303, 303, 429]
    assert Follower.objects.count() == 2


BAD_SETTINGS = {
    "weekday": ({"digest_weekday": "9"}, b"Select a valid choice"),
    "hour": ({"digest_hour": "24"}, b"Select a valid choice"),
    "hour not a number": ({"digest_hour": "abc"}, b"Select a valid choice"),
    "zone": ({"time_zone": "Nowhere/Land"}, b"time zone is not one we know"),
    "huge zone": ({"time_zone": "x" * 100_000}, b"at most 64"),
    "NUL zone": ({"time_zone": "Europe/Ber\x00lin"}, b"Null characters"),
    "frequency": ({"FOLLOW-frequency": "hourly"}, b"Select a valid choice"),
    "action": ({"action": "drop-tables"}, b"Unknown action"),
}


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=list(BAD_SETTINGS))
def test_bad_settings_are_refused_and_change_nothing(client, soundtrack, case):
    follower = make_follower("fan@example.com", show=soundtrack, digest_hour=8)
    follow = follower.follows.get()
    changes, message = BAD_SETTINGS[case]
    data = {
        "action": "save",
        "digest_weekday": "0",
        "digest_hour": "7",
        "time_zone": "Europe/Berlin",
        f"f{follow.pk}-frequency": "weekly",
        **{key.replace("FOLLOW", f"f{follow.pk}"): value for key, value in changes.items()},
    }
    path = reverse("follows:manage", args=[links.manage_token(follower)])
    response = client.post(path, data, **ORIGIN)
    assert response.status_code == 400
    assert message in response.content
    follower.refresh_from_db()
    assert (follower.digest_hour, follower.time_zone) == (8, "UTC")
    assert Follow.objects.get().frequency == "each"
