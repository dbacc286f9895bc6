"""core.fetch's POST: the body and headers sent once, no redirect followed, loopback refused
unless trusted."""

import pytest

from core import fetch
from tests.core.fetch.recorder import MAX


def test_post_sends_the_body_and_headers_once(server):
    answered = fetch.post(
        server.url + "/hooks",
        b'{"a":1}',
        content_type="application/json",
        headers={"webhook-id": "msg_1"},
        max_bytes=MAX,
        trusted_origins=[server.url],
    )
    assert (answered.status, answered.body) == (202, b"taken")
    (seen,) = server.seen
    assert seen["body"] == b'{"a":1}' and seen["webhook-id"] == "msg_1"
    assert seen["Content-Type"] == "application/json"


def test_post_follows_no_redirect(server):
    with pytest.raises(fetch.BadStatus) as refused:
        fetch.post(
            server.url + "/redirect",
            b"{}",
            content_type="application/json",
            max_bytes=MAX,
            trusted_origins=[server.url],
        )
    assert refused.value.status == 307
    assert [seen["path"] for seen in server.seen] == ["/redirect"]


def test_post_and_check_address_refuse_loopback_unless_trusted(server):
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.post(server.url + "/hooks", b"{}", content_type="application/json", max_bytes=MAX)
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.check_address(server.url + "/hooks")
    fetch.check_address(server.url + "/hooks", trusted_origins=[server.url])
    assert server.seen == []
