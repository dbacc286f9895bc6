"""core.fetch refuses the classic ways around an address check before anything connects: each
leads to loopback, a private network or cloud metadata. The listener on loopback hears nothing."""

import pytest

from core import fetch
from tests.core.fetch.recorder import MAX


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/",
        "http://localhost:{port}/",
        "http://127.1:{port}/",
        "http://0x7f000001:{port}/",
        "http://2130706433:{port}/",
        "http://0177.0.0.1:{port}/",
        "http://[::1]:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://0.0.0.0:{port}/",
        "http://[::]:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[fc00::1]/",
        "http://[ff02::1]/",
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    ],
)
def test_an_address_off_the_public_internet_is_refused_however_it_is_spelt(other_server, url):
    with pytest.raises(fetch.Refused, match="not on the public internet"):
        fetch.fetch(url.format(port=other_server.server_port), max_bytes=MAX)
    assert other_server.seen == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("//127.0.0.1:{port}/x.jpg", "not an http or https address"),
        ("%2F%2F127.0.0.1:{port}/x.jpg", "not an http or https address"),
        ("file:///etc/passwd", "not an http or https address"),
        ("ftp://example.com/file", "not an http or https address"),
        ("gopher://127.0.0.1:{port}/_GET%20/", "not an http or https address"),
        ("javascript:alert(1)", "not an http or https address"),
        ("http:///x.jpg", "names no host"),
        ("http:%2F%2F127.0.0.1:{port}/", "names no host"),
        ("http://user:secret@127.0.0.1:{port}/", "user name or password"),
        ("http://example.com@127.0.0.1:{port}/", "user name or password"),
        ("http://127.0.0.1:{port}/a b", "spaces or control characters"),
        ("http://127.0.0.1:{port}/\r\nX-Injected: 1", "spaces or control characters"),
        ("http://127.0.0.1:99999/", "not a valid address"),
        ("http://[::1/", "not a valid address"),
        ("http://127.0.0.1:{port}/사진.jpg", "not percent-encoded"),
    ],
)
def test_a_url_that_is_not_plain_http_is_refused(other_server, url, reason):
    with pytest.raises(fetch.Refused, match=reason):
        fetch.fetch(url.format(port=other_server.server_port), max_bytes=MAX)
    assert other_server.seen == []


def test_a_name_that_resolves_to_a_private_network_is_refused(resolve):
    resolve("images.example.com", "10.0.0.7")
    with pytest.raises(fetch.Refused, match="leads to 10.0.0.7"):
        fetch.fetch("https://images.example.com/still.jpg", max_bytes=MAX)


def test_a_name_with_one_private_address_among_public_ones_is_refused(resolve):
    resolve("images.example.com", "93.184.216.34", "127.0.0.1")
    with pytest.raises(fetch.Refused, match="leads to 127.0.0.1"):
        fetch.fetch("https://images.example.com/still.jpg", max_bytes=MAX)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("169.254.169.254", False),
        ("::ffff:8.8.8.8", False),
        ("fe80::1%eth0", False),
        ("2001:db8::1", False),
    ],
)
def test_which_addresses_are_public(address, public):
    assert fetch.is_public(address) is public


def test_the_settings_may_allow_a_private_network(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert fetch.is_public("10.20.3.4")
    assert not fetch.is_public("10.21.3.4")
