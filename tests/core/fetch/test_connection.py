"""core.fetch's connection goes to the address it checked, names the site and takes no proxy;
size and time are bounded, and a failure says what went wrong."""

import time

import pytest

from core import fetch
from tests.core.fetch.recorder import MAX, start_closed_port, trusted_fetch


def test_the_connection_goes_to_the_address_that_was_checked(resolve, server, settings):
    """One lookup: a name that answers differently the second time (DNS rebinding) is never
    asked again. The request still names the host."""
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    resolve("images.example.com", "127.0.0.1")
    fetched = fetch.fetch(f"http://images.example.com:{server.server_port}/image", max_bytes=MAX)
    assert fetched.body == b"GIF89a pixels"
    assert resolve.calls == ["images.example.com"]
    (request,) = server.seen
    assert request["Host"] == f"images.example.com:{server.server_port}"


def test_the_request_names_the_site_and_takes_no_proxy(server, monkeypatch, settings):
    settings.SITE_NAME = "Harbour Recaps"
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    trusted_fetch(server, "/image", accept="image/*")
    (request,) = server.seen
    assert request["User-Agent"] == "Episodic (Harbour Recaps; testserver)"
    assert request["Accept"] == "image/*"
    assert request["Accept-Encoding"] == "identity"


def test_an_answer_larger_than_the_limit_is_refused_by_its_length(server):
    with pytest.raises(fetch.TooLarge, match="larger than 9.8"):
        trusted_fetch(server, "/large")


def test_an_answer_without_a_length_is_read_no_further_than_the_limit(server):
    with pytest.raises(fetch.TooLarge):
        trusted_fetch(server, "/large-no-length")


def test_a_server_that_trickles_is_cut_off_at_the_total_time(server):
    started = time.monotonic()
    with pytest.raises(fetch.TimedOut):
        trusted_fetch(server, "/trickle", total_timeout=1)
    assert time.monotonic() - started < 2


def test_a_server_that_never_answers_is_cut_off_at_the_total_time(server):
    started = time.monotonic()
    with pytest.raises(fetch.TimedOut):
        trusted_fetch(server, "/silent", total_timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_an_error_status_is_an_error_with_its_status(server):
    with pytest.raises(fetch.BadStatus) as caught:
        trusted_fetch(server, "/missing")
    assert caught.value.status == 404


def test_a_closed_port_or_an_unknown_name_is_unreachable(server):
    closed = f"http://127.0.0.1:{start_closed_port()}"
    with pytest.raises(fetch.Unreachable):
        fetch.fetch(closed + "/", max_bytes=MAX, trusted_origins=[closed])
    with pytest.raises(fetch.Unreachable, match="could not be found"):
        fetch.fetch("http://no-such-host.invalid/", max_bytes=MAX)
