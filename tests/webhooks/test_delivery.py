"""Delivering a message: signed per Standard Webhooks (a receiver verifies it with the
reference package), the same webhook-id on every attempt, each attempt logged, back-off for
the retry window, and an endpoint switched off after failures (at once on 410 Gone), with a
mail to whoever may switch it on again. Receivers that fail, hang, redirect or are down."""

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks import Webhook

from webhooks import sending, tasks
from webhooks.models import Delivery, Endpoint, Event

from .conftest import make_endpoint

pytestmark = pytest.mark.django_db

DATA = {"id": 7, "slug": "soundtrack-2-episode-4"}


def send(endpoint, capture):
    with capture(execute=True):
        return tasks.create_deliveries(Event.RECAP_PUBLISHED, DATA, [endpoint])[0]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_a_delivery_is_signed_as_standard_webhooks_receivers_verify(receiver, capture):
    endpoint = make_endpoint(receiver.url())
    delivery = send(endpoint, capture)
    (request,) = receiver.received
    verified = Webhook(endpoint.secret).verify(request["body"], request["headers"])
    assert verified == {"type": "recap.published", "timestamp": verified["timestamp"], "data": DATA}
    assert request["headers"]["webhook-id"] == delivery.message_id
    assert request["headers"]["Content-Type"] == "application/json"
    assert endpoint.secret.startswith("whsec_")
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempt_count, delivery.last_status) == ("succeeded", 1, 200)
    (attempt,) = delivery.attempts.all()
    assert attempt.status_code == 200 and attempt.response_ms is not None and not attempt.error


def test_any_2xx_is_a_success_and_logged_as_it_came(receiver, capture):
    delivery = send(make_endpoint(receiver.url("/accepted")), capture)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status) == ("succeeded", 202)


def test_another_secret_does_not_verify(receiver, capture):
    send(make_endpoint(receiver.url()), capture)
    (request,) = receiver.received
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(make_endpoint(receiver.url()).secret).verify(request["body"], request["headers"])


def test_retries_keep_the_message_id_and_body_and_sign_anew(receiver, capture, settings):
    endpoint = make_endpoint(receiver.url("/fail"))
    delivery = send(endpoint, capture)
    delivery.refresh_from_db()
    assert delivery.state == "pending" and delivery.last_status == 500
    first_retry = delivery.created_at + timedelta(seconds=settings.WEBHOOKS_RETRY_FIRST_SECONDS)
    assert abs(delivery.next_attempt_at - first_retry) < timedelta(seconds=2)
    Endpoint.objects.filter(pk=endpoint.pk).update(url=receiver.url("/ok"))
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        assert sending.attempt(delivery.pk) is None
    first, second = receiver.received
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    assert first["body"] == second["body"]
    assert first["headers"]["webhook-timestamp"] != second["headers"]["webhook-timestamp"]
    Webhook(endpoint.secret).verify(second["body"], second["headers"])
    delivery.refresh_from_db()
    assert delivery.state == "succeeded"
    assert [(a.number, a.status_code) for a in delivery.attempts.all()] == [(1, 500), (2, 200)]
    assert Endpoint.objects.get(pk=endpoint.pk).consecutive_failures == 0


def test_back_off_doubles_and_gives_up_at_the_end_of_the_window(receiver, capture, settings):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 1000
    delivery = send(make_endpoint(receiver.url("/fail")), capture)
    delays, previous = [], timezone.now()
    while True:
        delivery.refresh_from_db()
        if delivery.next_attempt_at is None:
            break
        delays.append(round((delivery.next_attempt_at - previous).total_seconds()))
        previous = delivery.next_attempt_at
        with time_machine.travel(previous, tick=False):
            sending.attempt(delivery.pk)
    assert delays[:4] == [30, 60, 120, 240]
    assert delivery.state == "failed"
    last = delivery.attempts.last()
    assert last.at - delivery.created_at == timedelta(hours=24)
    assert delivery.attempt_count == len(delays) + 1 == 13


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [
        ("/fail", 500, "Answered 500"),
        ("/moved", 302, "redirects are not followed"),
        ("/slow", None, "not fetched in the time allowed"),
    ],
)
def test_a_failing_receiver_is_logged_and_retried(receiver, capture, path, status, error):
    delivery = send(make_endpoint(receiver.url(path)), capture)
    delivery.refresh_from_db()
    assert delivery.state == "pending" and delivery.next_attempt_at is not None
    (attempt,) = delivery.attempts.all()
    assert attempt.status_code == status and error in attempt.error
    assert [r["path"] for r in receiver.received] == [path]  # the redirect was not followed


def test_a_receiver_that_is_down(receiver, capture):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    delivery = send(make_endpoint(f"http://127.0.0.1:{port}/hooks"), capture)
    (attempt,) = delivery.attempts.all()
    assert attempt.status_code is None and "could not be fetched" in attempt.error


def test_410_gone_switches_the_endpoint_off_at_once_and_tells_the_admins(receiver, capture, editor):
    endpoint = make_endpoint(receiver.url("/gone"))
    delivery = send(endpoint, capture)
    endpoint.refresh_from_db()
    delivery.refresh_from_db()
    assert not endpoint.enabled and "410 Gone" in endpoint.disabled_reason
    assert delivery.state == "failed" and delivery.next_attempt_at is None
    (message,) = mail.outbox
    assert message.to == [editor.email] and endpoint.url in message.body


def test_after_the_limit_of_failures_the_endpoint_is_off_and_the_rest_cancelled(
    receiver, capture, settings, editor
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    endpoint = make_endpoint(receiver.url("/fail"))
    first, second = (send(endpoint, capture) for _ in range(2))
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_at is not None
    assert "2 failed attempts in a row" in endpoint.disabled_reason
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    with time_machine.travel(first.next_attempt_at + timedelta(seconds=1)):
        sending.attempt(first.pk)
    first.refresh_from_db()
    assert first.state == "cancelled" and len(receiver.received) == 2
    endpoint.enabled = True
    endpoint.save()
    assert (endpoint.consecutive_failures, endpoint.disabled_at) == (0, None)


def test_a_test_message_is_tried_once_and_counts_no_failure(receiver, capture):
    endpoint = make_endpoint(receiver.url("/fail"), enabled=False)
    with capture(execute=True):
        delivery = tasks.send_test(endpoint)
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.attempt_count == 1
    assert receiver.messages()[0]["type"] == "webhook.test"
    assert Endpoint.objects.get(pk=endpoint.pk).consecutive_failures == 0


# The database worker runs in real transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_with_back_off_then_disables(receiver, settings, editor):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    endpoint = make_endpoint(receiver.url("/fail"))
    (delivery,) = tasks.create_deliveries(Event.RECAP_PUBLISHED, DATA, [endpoint])
    call_command("db_worker", "--batch", verbosity=0)
    for _ in range(2):
        delivery.refresh_from_db()
        call_command("db_worker", "--batch", verbosity=0)  # not due yet: nothing happens
        assert delivery.attempts.count() == delivery.attempt_count
        with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
            call_command("db_worker", "--batch", verbosity=0)
    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    assert delivery.attempt_count == 3 and delivery.state == Delivery.State.FAILED
    assert not endpoint.enabled and len(receiver.received) == 3
    assert len({r["headers"]["webhook-id"] for r in receiver.received}) == 1
    assert len(mail.outbox) == 1
