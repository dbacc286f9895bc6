"""Mastodon's own recorded requests, checked by the site's verifier (bovine's crypto helpers).

Fixtures: spec/requests/signature_verification_spec.rb of mastodon/mastodon at commit
8f71c66875a5683a5616522a1c2aa40086f6807d (the same requests since
09352a2314648488be4bcc38782a1a026252efbd), turned into
tests/fediverse/fixtures/mastodon_signature_verification.json: the key, each request's
method, path, headers and body, and whether Mastodon takes it. The same file chose the
library (see fediverse/signatures.py): bovine answers as Mastodon does on all but one,
apkit's apsig took an unsigned Digest."""

import pytest
import time_machine

from fediverse import signatures

from .conftest import BOB, MASTODON, public_pem

BOB_KEY = (public_pem(MASTODON["private_key_pem"]), BOB)
# bovine leaves the query out of (request-target); the site's inboxes take no query, and
# Mastodon signs its POSTs to them without one.
QUERY_SIGNED = "valid signature on a GET request that has a query string"


def verified(request):
    headers = {name.lower(): value for name, value in request["headers"].items()}
    body = (request["body"] or "").encode()
    try:
        return signatures.verify(
            request["method"],
            f"https://www.example.com{request['path']}",
            headers,
            body,
            lambda key_id, refresh: BOB_KEY if key_id == MASTODON["key_id"] else None,
        )
    except signatures.SignatureError:
        return None


@pytest.mark.parametrize(
    "request_", MASTODON["requests"], ids=[r["name"] for r in MASTODON["requests"]]
)
def test_the_verifier_answers_as_mastodon_does(request_):
    with time_machine.travel(MASTODON["now"], tick=False):
        owner = verified(request_)
    if request_["name"] == QUERY_SIGNED:
        assert owner is None, "bovine now signs the query: drop this exception"
    else:
        assert (owner == BOB) is request_["verifies"]


def test_a_signature_mastodon_would_take_is_refused_a_day_later():
    post = next(r for r in MASTODON["requests"] if r["name"] == "valid signature on a POST request")
    with time_machine.travel("2023-12-21T10:00:00Z", tick=False):
        assert verified(post) is None


def test_what_the_site_signs_mastodon_s_verifier_logic_takes(db, settings):
    """Signed as the site signs (`signatures.signed_headers`), checked by the same rules
    Mastodon applies: (request-target), host, date and digest covered."""
    from bovine.crypto.signature import Signature

    from fediverse.models import KeyPair

    KeyPair.objects.create(
        owner="site",
        public_key_pem=public_pem(MASTODON["private_key_pem"]),
        private_key_pem=MASTODON["private_key_pem"],
    )
    body = b'{"type": "Create"}'
    headers = signatures.signed_headers(
        "site", MASTODON["key_id"], "POST", "mastodon.example", "/inbox", body
    )
    lower = {name.lower(): value for name, value in headers.items()}
    assert Signature.from_signature_header(lower["signature"]).fields == [
        "(request-target)",
        "host",
        "date",
        "digest",
    ]
    owner = signatures.verify(
        "POST", "https://mastodon.example/inbox", lower, body, lambda *_: BOB_KEY
    )
    assert owner == BOB


def test_a_check_runs_where_an_event_loop_already_runs():
    """As under an ASGI server, or after playwright's tests in the same process."""
    import asyncio

    from fediverse.signatures import run_coroutine

    async def answer():
        return "checked"

    async def inside_a_loop():
        return run_coroutine(answer())

    assert asyncio.run(inside_a_loop()) == "checked"
