"""The inbox: Follow and Undo from a Mastodon account signed as Mastodon signs, and every way a
post can be wrong answered with a 4xx, never a 500."""

import json
from datetime import timedelta
from email.utils import format_datetime
from urllib.parse import quote

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fediverse.models import BlockedDomain, Delivery, Follower, ReceivedActivity

from .conftest import BOB, follow_of

INBOX = "/ap/shows/soundtrack-2/inbox"


@pytest.fixture
def live_show(recap):
    return recap.episode.show


def test_a_signed_follow_is_taken_and_answered_with_an_accept(live_show, bob, post_as_bob):
    response = post_as_bob(INBOX, follow_of("soundtrack-2"))

    assert response.status_code == 202
    follower = Follower.objects.get()
    assert (follower.show, follower.actor) == (live_show, bob)
    accept = Delivery.objects.get(kind="Accept")
    assert accept.inbox == bob.inbox  # the follower's own inbox
    assert accept.payload["object"]["id"] == f"{BOB}#follows/1"
    assert accept.payload["actor"] == "https://testserver/ap/shows/soundtrack-2"


def test_the_shared_inbox_takes_the_follow_too(live_show, bob, post_as_bob):
    assert post_as_bob("/ap/inbox", follow_of("soundtrack-2")).status_code == 202
    assert Follower.objects.filter(show=live_show).count() == 1


def test_a_replayed_activity_changes_nothing(live_show, bob, post_as_bob):
    post_as_bob(INBOX, follow_of("soundtrack-2"))
    again = post_as_bob(INBOX, follow_of("soundtrack-2"))

    assert again.status_code == 202
    assert again.json() == {"status": "Already received"}
    assert (Follower.objects.count(), Delivery.objects.count()) == (1, 1)
    assert ReceivedActivity.objects.count() == 1


def test_undo_of_the_follow_removes_the_follower(live_show, bob, post_as_bob):
    post_as_bob(INBOX, follow_of("soundtrack-2"))
    undo = {
        "id": f"{BOB}#follows/1/undo",
        "type": "Undo",
        "actor": BOB,
        "object": follow_of("soundtrack-2"),
    }
    assert post_as_bob(INBOX, undo).status_code == 202
    assert not Follower.objects.exists()


def test_a_follow_of_a_show_with_drafts_only_is_404(recap, bob, post_as_bob):
    recap.status = "draft"
    recap.save()
    response = post_as_bob("/ap/inbox", follow_of("soundtrack-2"))

    assert response.status_code == 404
    assert not Follower.objects.exists()
    assert not ReceivedActivity.objects.exists()  # refused, so a later retry is not a replay


def test_an_unsigned_post_is_401(live_show, client):
    body = json.dumps(follow_of("soundtrack-2"))
    response = client.post(INBOX, body, content_type="application/activity+json")
    assert response.status_code == 401


def test_a_post_signed_with_another_key_is_401(live_show, bob, post_as_bob):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    response = post_as_bob(INBOX, follow_of("soundtrack-2"), private_pem=other.decode())

    assert response.status_code == 401
    assert not Follower.objects.exists()


def test_a_tampered_body_is_401(live_show, bob, client):
    from .conftest import signed_by_bob

    body = json.dumps(follow_of("soundtrack-2")).encode()
    headers = signed_by_bob(INBOX, body)
    tampered = body.replace(b"follows/1", b"follows/2")
    response = client.post(INBOX, tampered, content_type="application/activity+json", **headers)
    assert response.status_code == 401


def test_a_signature_older_than_five_minutes_is_401(live_show, bob, post_as_bob):
    old = format_datetime(timezone.now() - timedelta(minutes=6), usegmt=True)
    assert post_as_bob(INBOX, follow_of("soundtrack-2"), date=old).status_code == 401


def test_an_activity_whose_actor_is_not_the_signer_is_401(live_show, bob, post_as_bob):
    forged = follow_of("soundtrack-2", actor="https://remote.domain/users/alice")
    forged["id"] = f"{BOB}#follows/9"
    response = post_as_bob(INBOX, forged)
    assert response.status_code == 401


def test_a_huge_body_is_413(live_show, bob, post_as_bob, settings):
    settings.FEDIVERSE_MAX_INBOX_BYTES = 1000
    activity = {**follow_of("soundtrack-2"), "padding": "x" * 2000}
    assert post_as_bob(INBOX, activity).status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'"a string"',
        b"\xff\xfe",
        json.dumps({"type": "Follow", "actor": BOB}).encode(),
        json.dumps({"id": 7, "type": "Follow", "actor": BOB}).encode(),
        json.dumps({"id": f"{BOB}#x", "type": ["Follow"], "actor": BOB}).encode(),
        json.dumps({"id": f"{BOB}#x", "type": "Follow", "actor": {"id": BOB}}).encode(),
        json.dumps({"id": "not a url", "type": "Follow", "actor": BOB}).encode(),
    ],
)
def test_malformed_activities_are_400(live_show, bob, post_as_bob, body):
    assert post_as_bob(INBOX, body).status_code == 400


def test_unicode_and_html_in_an_activity_are_kept_as_text(live_show, bob, post_as_bob):
    activity = {
        "id": f"{BOB}#likes/사운드트랙",
        "type": "Like",
        "actor": BOB,
        "object": "https://testserver/ap/recaps/1",
        "content": "<script>alert(1)</script> 사운드트랙#2 🎵",
    }
    assert post_as_bob(INBOX, activity).status_code == 202
    assert ReceivedActivity.objects.get().payload["content"].startswith("<script>")


def test_a_blocked_domain_is_refused(live_show, bob, post_as_bob):
    BlockedDomain.objects.create(domain="remote.domain")
    assert post_as_bob(INBOX, follow_of("soundtrack-2")).status_code == 403
    assert not Follower.objects.exists()


def test_get_on_an_inbox_is_405(live_show, client):
    assert client.get(INBOX).status_code == 405


def rfc9421_headers(path, body, private_pem=None, created=None):
    """Headers of a POST signed per RFC 9421 by http-message-signatures, with bob's key."""
    from cryptography.hazmat.primitives import serialization
    from http_message_signatures import HTTPMessageSigner, HTTPSignatureKeyResolver, algorithms

    from .conftest import BOB_KEY, MASTODON

    private = serialization.load_pem_private_key(
        (private_pem or MASTODON["private_key_pem"]).encode(), None
    )

    class Keys(HTTPSignatureKeyResolver):
        def resolve_private_key(self, key_id):
            return private

    class Message:
        method = "POST"
        url = f"https://testserver{path}"
        headers = {"Content-Type": "application/activity+json"}

    message = Message()
    HTTPMessageSigner(signature_algorithm=algorithms.RSA_V1_5_SHA256, key_resolver=Keys()).sign(
        message,
        key_id=BOB_KEY,
        created=created,
        covered_component_ids=("@method", "@authority", "@path", "content-digest"),
        body=body,
    )
    return {
        "HTTP_SIGNATURE_INPUT": message.headers["Signature-Input"],
        "HTTP_SIGNATURE": message.headers["Signature"],
        "HTTP_CONTENT_DIGEST": message.headers["Content-Digest"],
    }


def test_an_rfc_9421_signed_follow_is_taken(live_show, bob, client):
    body = json.dumps(follow_of("soundtrack-2")).encode()
    headers = rfc9421_headers(INBOX, body)
    response = client.post(INBOX, body, content_type="application/activity+json", **headers)
    assert response.status_code == 202
    assert Follower.objects.filter(actor=bob).exists()


def test_an_rfc_9421_signature_on_another_body_or_too_old_is_401(live_show, bob, client):
    body = json.dumps(follow_of("soundtrack-2")).encode()
    tampered = body.replace(b"follows/1", b"follows/2")
    headers = rfc9421_headers(INBOX, body)
    assert (
        client.post(
            INBOX, tampered, content_type="application/activity+json", **headers
        ).status_code
        == 401
    )
    old = rfc9421_headers(INBOX, body, created=timezone.now() - timedelta(minutes=10))
    assert (
        client.post(INBOX, body, content_type="application/activity+json", **old).status_code == 401
    )


@pytest.mark.parametrize(
    "signature_input",
    ["", "sig1=", 'sig1=("@method");keyid=5', "sig1=(;", "a=(), b=()", "🎵"],
)
def test_a_garbled_rfc_9421_signature_is_401(live_show, bob, client, signature_input):
    body = json.dumps(follow_of("soundtrack-2")).encode()
    headers = {**rfc9421_headers(INBOX, body), "HTTP_SIGNATURE_INPUT": signature_input}
    response = client.post(INBOX, body, content_type="application/activity+json", **headers)
    assert response.status_code == 401


@pytest.mark.parametrize("key_id", ["http://[::1", "not a url", "https://", "ftp://x/y#main-key"])
def test_a_key_id_that_is_no_address_is_401(live_show, bob, post_as_bob, key_id, client):
    from .conftest import BOB_KEY, signed_by_bob

    body = json.dumps({**follow_of("soundtrack-2"), "actor": key_id}).encode()
    headers = signed_by_bob(INBOX, body)
    headers["HTTP_SIGNATURE"] = headers["HTTP_SIGNATURE"].replace(BOB_KEY, key_id)
    response = client.post(INBOX, body, content_type="application/activity+json", **headers)
    assert response.status_code in (400, 401)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@given(
    activity=st.fixed_dictionaries(
        {
            "id": st.just(f"{BOB}#a/") | st.text(max_size=30) | st.integers(),
            "type": st.sampled_from(["Follow", "Undo", "Accept", "Create", "Delete"]) | JSON,
            "actor": st.just(BOB) | JSON,
            "object": st.just("https://testserver/ap/shows/soundtrack-2") | JSON,
        }
    ),
    suffix=st.text(max_size=10),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_signed_activities_of_any_shape_get_an_answer_never_a_500(
    live_show, bob, post_as_bob, activity, suffix
):
    if isinstance(activity["id"], str) and activity["id"].endswith("#a/"):
        activity["id"] += quote(suffix)
    response = post_as_bob(INBOX, activity)
    assert response.status_code in (202, 400, 401, 404)
