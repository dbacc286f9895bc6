"""The reader's address behind the site's own proxies (DJANGO_TRUSTED_PROXIES,
core.client_address): what rate limits, stored comments and the login lockout count."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from core import client_address
from core.checks import trusted_proxies_check
from core.client_address import client_ip
from core.ratelimit import over_limit
from demo.factories import make_episode, make_recap, make_show
from tests.discussion.conftest import form_data

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """Each test is a process that has logged no warning yet."""
    monkeypatch.setattr(client_address, "_warned", set())


def request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def warnings_of(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "core.client_address"]


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


@pytest.mark.parametrize("remote", ["127.0.0.1", "::1", "::ffff:127.0.0.1", "", "172.17.0.1"])
def test_a_hop_count_believes_a_proxy_on_this_machine_a_socket_or_a_private_network(
    settings, remote
):
    settings.TRUSTED_PROXIES = ["1"]
    assert client_ip(request(remote, "1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_a_hop_count_ignores_a_header_sent_straight_to_gunicorn_from_outside(settings, caplog):
    """gunicorn reachable from outside in hop-count mode: a forged X-Forwarded-For picked any
    address it liked for the lockout and the rate limits."""
    settings.TRUSTED_PROXIES = ["1"]
    with caplog.at_level(logging.WARNING, logger="core.client_address"):
        assert client_ip(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
        assert client_ip(request("198.51.100.8", "203.0.113.10")) == "198.51.100.8"
    [warning] = warnings_of(caplog)
    assert "came straight from 198.51.100.7" in warning
    assert "bind it to 127.0.0.1 or a unix socket" in warning


def test_a_hop_count_with_networks_believes_only_a_nearest_proxy_inside_them(settings):
    settings.TRUSTED_PROXIES = ["2", "192.0.2.0/24"]
    forwarded = "1.2.3.4, 203.0.113.9, 10.9.9.9"  # spoofed, client, CDN edge
    assert client_ip(request("192.0.2.20", forwarded)) == "203.0.113.9"
    assert client_ip(request("127.0.0.1", forwarded)) == "127.0.0.1"


def test_a_header_shorter_than_the_hop_count_was_written_by_our_proxies_alone(settings):
    settings.TRUSTED_PROXIES = ["2"]
    assert client_ip(request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"


def test_a_forwarded_header_without_trusted_proxies_is_logged_once(settings, caplog):
    settings.TRUSTED_PROXIES = []
    with caplog.at_level(logging.WARNING, logger="core.client_address"):
        for reader in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
            assert client_ip(request("127.0.0.1", reader)) == "127.0.0.1"
        assert client_ip(request("127.0.0.1")) == "127.0.0.1"
    [warning] = warnings_of(caplog)
    assert "DJANGO_TRUSTED_PROXIES names no proxy" in warning


def test_no_proxy_said_outright_still_logs_a_forwarded_header(settings, caplog):
    settings.TRUSTED_PROXIES = ["0"]
    with caplog.at_level(logging.WARNING, logger="core.client_address"):
        assert client_ip(request("198.51.100.7")) == "198.51.100.7"
        assert warnings_of(caplog) == []
        assert client_ip(request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert len(warnings_of(caplog)) == 1


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (["10.0.0.0/8", "proxy.example"], "'proxy.example' is not a network"),
        (["1", "2"], "one number of proxy hops"),
        (["0", "10.0.0.0/8"], "0 says there is no proxy"),
        (["-1"], "'-1' is not a network"),
    ],
)
def test_a_malformed_setting_is_refused_with_what_is_wrong(entries, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        client_address.parse(entries)


def test_production_without_trusted_proxies_is_warned_by_the_system_check(settings):
    settings.DEBUG = False
    settings.TRUSTED_PROXIES = []
    [warning] = trusted_proxies_check(None)
    assert warning.id == "episodic.W005"
    for entries in (["1"], ["0"], ["10.0.0.0/8"]):
        settings.TRUSTED_PROXIES = entries
        assert trusted_proxies_check(None) == []
    settings.DEBUG = True
    settings.TRUSTED_PROXIES = []
    assert trusted_proxies_check(None) == []


@pytest.mark.django_db
def test_a_forged_header_straight_to_gunicorn_cannot_escape_the_login_lockout(
    client, editor, settings
):
    settings.TRUSTED_PROXIES = ["1"]
    statuses = [
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200, 200, 200, 200, 429, 429]


@pytest.mark.django_db
def test_a_forged_header_straight_to_gunicorn_cannot_escape_the_comment_rate_limit(
    client, settings
):
    settings.TRUSTED_PROXIES = ["1"]
    recap = make_recap(make_episode(make_show(), 1))
    # One minute of the rate limit's clock, however slowly the machine posts.
    with time_machine.travel(time.time(), tick=False):
        statuses = [
            client.post(
                reverse("discussion:post"),
                form_data(recap, comment=f"Comment {n}"),
                REMOTE_ADDR="198.51.100.7",
                HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
            ).status_code
            for n in range(6)
        ]
    assert statuses == [302] * 5 + [429]


@pytest.mark.django_db
def test_readers_behind_one_proxy_have_a_comment_rate_limit_each(client, settings):
    """Behind a proxy every request comes from its address; with the hop trusted, a reader
    over the limit does not stop the next reader."""
    settings.TRUSTED_PROXIES = ["1"]
    cache.clear()
    first = request("10.0.0.2", "203.0.113.1")
    second = request("10.0.0.2", "203.0.113.2")
    assert [over_limit("t", client_ip(first), 2) for _ in range(3)] == [False, False, True]
    assert over_limit("t", client_ip(second), 2) is False


def test_a_malformed_trusted_proxies_setting_stops_the_start():
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
