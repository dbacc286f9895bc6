"""Endpoints in the admin, as each role: only those with the webhook permissions (superusers
here; no group has them) add, edit or send a test, through the admin site's guards; writers
and editors get a 403, anonymous visitors the login page. Hostile endpoint addresses are
refused at save with a clear message, and checked again at delivery time (DNS rebinding).
Nothing here answers a 500."""

import socket

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core import fetch
from webhooks.models import Delivery, Endpoint, Event

from .conftest import make_endpoint

pytestmark = pytest.mark.django_db

ADD = reverse("admin:webhooks_endpoint_add")


def form(url, **changes):
    return {
        "url": url,
        "description": "Partner app",
        "events": [Event.RECAP_PUBLISHED],
        "enabled": "on",
        **changes,
    }


@pytest.fixture
def as_role(client, django_user_model):
    def log_in(role):
        if role == "anonymous":
            return client
        if role == "superuser":
            user = django_user_model.objects.create_superuser(username=role, email="su@example.com")
        else:
            user = django_user_model.objects.create_user(username=role, is_staff=True)
            user.groups.add(
                Group.objects.get(name={"writer": "Writers", "editor": "Editors"}[role])
            )
        client.force_login(user)
        return client

    return log_in


@pytest.mark.parametrize("role", ["writer", "editor", "anonymous"])
def test_only_those_with_the_permission_add_edit_or_send_a_test(as_role, receiver, role, capture):
    endpoint = make_endpoint(receiver.url())
    client = as_role(role)
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    send_test = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    with capture(execute=True):
        answers = [
            client.get(ADD),
            client.post(ADD, form(receiver.url("/ok?new"))),
            client.post(change, form(receiver.url("/ok?changed"))),
            client.post(send_test),
            client.get(reverse("admin:webhooks_delivery_changelist")),
        ]
    expected = 302 if role == "anonymous" else 403
    assert [answer.status_code for answer in answers] == [expected] * len(answers)
    assert list(Endpoint.objects.values_list("url", flat=True)) == [receiver.url()]
    assert receiver.received == [] and not Delivery.objects.exists()


def test_a_superuser_adds_an_endpoint_sees_its_secret_and_sends_a_test(as_role, receiver, capture):
    client = as_role("superuser")
    assert client.post(ADD, form(receiver.url())).status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["recap.published"] and endpoint.secret.startswith("whsec_")
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    page = client.get(change)
    assert endpoint.secret in page.text and "Send a test message" in page.text
    send_test = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    assert client.get(send_test).status_code == 405
    with capture(execute=True):
        answer = client.post(send_test, follow=True)
    assert answer.status_code == 200 and "A test message is on its way" in answer.text
    assert [m["type"] for m in receiver.messages()] == ["webhook.test"]
    delivery = Delivery.objects.get()
    log = client.get(reverse("admin:webhooks_delivery_change", args=[delivery.pk]))
    assert log.status_code == 200 and delivery.message_id in log.text


def test_a_test_to_a_receiver_that_is_down_is_logged_not_a_500(as_role, receiver, capture):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/hooks"
    endpoint = make_endpoint(url)
    client = as_role("superuser")
    send_test = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    with capture(execute=True):
        assert client.post(send_test, follow=True).status_code == 200
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and "could not be fetched" in delivery.attempts.get().error
    assert client.get(reverse("admin:webhooks_delivery_changelist")).status_code == 200


def test_an_endpoint_switched_off_shows_a_notice(as_role, receiver):
    make_endpoint(receiver.url("/gone"), enabled=False)
    Endpoint.objects.update(
        disabled_at="2026-12-06T10:00Z", disabled_reason="It answered 410 Gone."
    )
    page = as_role("superuser").get(reverse("admin:webhooks_endpoint_changelist"))
    assert "was switched off on 2026-12-06 10:00 UTC: It answered 410 Gone." in page.text


HOSTILE = [
    ("http://127.0.0.1/hooks", "not on the public internet"),
    ("http://10.1.2.3/hooks", "not on the public internet"),
    ("http://169.254.169.254/latest/meta-data/", "not on the public internet"),
    ("http://[::1]:8000/hooks", "not on the public internet"),
    ("http://[::ffff:127.0.0.1]/hooks", "not on the public internet"),
    ("http://0x7f000001/hooks", "Enter a valid URL"),
    ("http://localhost/hooks", "not on the public internet"),
    ("http://user:secret@93.184.216.34/hooks", "user name or password"),
    ("ftp://93.184.216.34/hooks", "not an http or https address"),
    ("javascript:alert(1)", "Enter a valid URL"),
    ("", "This field is required"),
    ("http://" + "a" * 2100 + ".example/", "at most 2000 characters"),
    ("http://nothing.invalid/hooks", "cannot be reached"),
]


@pytest.mark.parametrize(("url", "message"), HOSTILE)
def test_hostile_endpoint_addresses_are_refused_at_save(as_role, url, message):
    answer = as_role("superuser").post(ADD, form(url))
    assert answer.status_code == 200
    assert message in answer.text
    assert not Endpoint.objects.exists()


def test_hostile_events_are_refused(as_role):
    client = as_role("superuser")
    for events in ([], ["recap.deleted"], ["<script>"]):
        answer = client.post(ADD, form("http://93.184.216.34/hooks", events=events))
        assert answer.status_code == 200 and "errorlist" in answer.text
    assert not Endpoint.objects.exists()


def test_a_name_that_resolves_to_loopback_at_delivery_time_is_not_called(
    as_role, receiver, monkeypatch, settings, capture
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    port = receiver.server_address[1]
    answers = {"hooks.partner.example": "93.184.216.34"}
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    url = f"http://hooks.partner.example:{port}/ok"
    client = as_role("superuser")
    assert client.post(ADD, form(url)).status_code == 302
    answers["hooks.partner.example"] = "127.0.0.1"  # rebound
    endpoint = Endpoint.objects.get()
    send_test = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    with capture(execute=True):
        client.post(send_test)
    assert receiver.received == []
    assert (
        "127.0.0.1, which is not on the public internet"
        in Delivery.objects.get().attempts.get().error
    )


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_the_delivery_log_costs_the_same_queries_for_3_or_30_deliveries(as_role, receiver):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_role("superuser")
    url = reverse("admin:webhooks_delivery_changelist")
    client.get(url)  # the first page of a session loads what later ones find cached
    counts = []
    for total in (3, 30):
        endpoint = make_endpoint(receiver.url(f"/ok?{total}"))
        Delivery.objects.bulk_create(
            Delivery(
                endpoint=endpoint,
                event=Event.RECAP_PUBLISHED,
                body="{}",
                message_id=f"m{total}-{n}",
            )
            for n in range(total - Delivery.objects.count())
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
