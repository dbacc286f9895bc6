"""The reader's address behind the site's own proxies (DJANGO_TRUSTED_PROXIES)."""

import pytest
from django.test import RequestFactory

from core.ratelimit import client_ip


def request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_a_trusted_proxy_a_spoofed_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_one_trusted_hop_takes_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXIES = ["1"]
    # The client sent a made-up X-Forwarded-For; the proxy appended the real address.
    assert client_ip(request("10.0.0.2", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_two_trusted_hops_skip_both_proxies(settings):
    settings.TRUSTED_PROXIES = ["2"]
    forwarded = "1.2.3.4, 203.0.113.9, 10.0.0.5"  # spoofed, client, CDN edge
    assert client_ip(request("10.0.0.2", forwarded)) == "203.0.113.9"


def test_trusted_networks_skip_every_proxy_inside_them(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    forwarded = "1.2.3.4, 203.0.113.9, 192.0.2.10, 10.1.2.3"
    assert client_ip(request("10.0.0.2", forwarded)) == "203.0.113.9"


def test_a_request_that_skipped_the_trusted_network_keeps_its_own_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "999.1.1.1", "\x00"])
def test_a_missing_or_broken_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXIES = ["1"]
    assert client_ip(request("10.0.0.2", forwarded)) == "10.0.0.2"


@pytest.mark.django_db
def test_the_comment_rate_limit_counts_readers_behind_one_proxy_apart(client, settings):
    """Behind a proxy every request comes from its address; with the hop trusted, a reader
    over the limit does not stop the next reader."""
    from django.core.cache import cache

    from core.ratelimit import over_limit

    settings.TRUSTED_PROXIES = ["1"]
    cache.clear()
    first = request("10.0.0.2", "203.0.113.1")
    second = request("10.0.0.2", "203.0.113.2")
    assert [over_limit("t", client_ip(first), 2) for _ in range(3)] == [False, False, True]
    assert over_limit("t", client_ip(second), 2) is False


def test_a_malformed_trusted_proxies_setting_stops_the_start():
    import os
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_TRUSTED_PROXIES": "10.0.0.0/8,proxy.example",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: 'proxy.example' is not a network" in result.stderr
