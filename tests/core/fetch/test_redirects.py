"""core.fetch checks every redirect again: loopback and other names for a trusted server are
refused, the trusted origin's own are followed and counted, the listed origins kept to."""

import pytest

from core import fetch
from tests.core.fetch.recorder import MAX, trusted_fetch


def test_a_redirect_to_loopback_is_refused(server, other_server):
    target = f"http://127.0.0.1:{other_server.server_port}/secret"
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        trusted_fetch(server, f"/redirect?{target}")
    assert [seen["path"] for seen in server.seen] == [f"/redirect?{target}"]
    assert other_server.seen == []


def test_a_redirect_to_another_name_for_a_trusted_server_is_refused(server):
    """Trust is for the origin the operator named, not for whatever else reaches its host."""
    target = f"http://localhost:{server.server_port}/image"
    with pytest.raises(fetch.Refused):
        trusted_fetch(server, f"/redirect?{target}")
    assert len(server.seen) == 1


def test_a_redirect_within_the_trusted_origin_is_followed(server):
    fetched = trusted_fetch(server, "/redirect?/image")
    assert fetched == fetch.Fetched(server.url + "/image", "image/gif", b"GIF89a pixels")


def test_redirects_are_counted(server):
    with pytest.raises(fetch.Refused, match="redirects more than 5 times"):
        trusted_fetch(server, "/loop")
    assert len(server.seen) == fetch.MAX_REDIRECTS + 1


def test_only_the_listed_origins_are_fetched(server):
    with pytest.raises(fetch.Refused, match="is not on https://old.example.com:443"):
        trusted_fetch(server, "/image", origins=["https://old.example.com/wp-content/uploads/"])
    assert server.seen == []


def test_a_redirect_off_the_listed_origins_is_refused(server, other_server):
    other = f"http://127.0.0.1:{other_server.server_port}"
    with pytest.raises(fetch.Refused, match="is not on"):
        fetch.fetch(
            f"{server.url}/redirect?{other}/image",
            max_bytes=MAX,
            origins=[server.url],
            trusted_origins=[server.url, other],
        )
    assert other_server.seen == []
