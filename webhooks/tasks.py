"""Webhooks on the task worker (`manage.py run_worker`), never in a request: an event becomes a
delivery per subscribed endpoint (`announce`), each delivery is tried and tried again later
(`deliver`, waiting in the queue with `run_after`), and a scheduled recap's "published" waits
in the queue for its publish time (`announce_when_live`)."""

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from recaps.models import Recap
from worker.scheduling import enqueue_at

from . import payloads, sending
from .models import Delivery, Endpoint, Event


def create_deliveries(event, data, endpoints):
    now = timezone.now()
    body = sending.body_of(event, data, now)
    with transaction.atomic():
        deliveries = [
            Delivery.objects.create(endpoint=endpoint, event=event, body=body, created_at=now)
            for endpoint in endpoints
        ]
        for delivery in deliveries:
            transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))
    return deliveries


@task
def announce(event, pk):
    """A delivery of `event` about object `pk` to each endpoint subscribed to it; how many."""
    endpoints = Endpoint.objects.subscribed(event)
    obj = payloads.loaded(event, pk) if endpoints else None
    if obj is None:
        return 0
    return len(create_deliveries(event, payloads.payload(event, obj), endpoints))


@task
def announce_when_live(recap_pk, published_at):
    """A scheduled recap's "published", run at its publish time: only if it is still due then
    (not rescheduled, not unpublished in the meantime)."""
    recap = Recap.objects.published().filter(pk=recap_pk).first()
    if recap is None or recap.published_at != datetime.fromisoformat(published_at):
        return 0
    return announce.call(Event.RECAP_PUBLISHED, recap_pk)


def schedule_publication(recap_pk, published_at):
    enqueue_at(announce_when_live, published_at, recap_pk, published_at.isoformat())


@task
def deliver(delivery_pk):
    """One attempt; the next one waits in the queue for its time."""
    retry_at = sending.attempt(delivery_pk)
    if retry_at is not None:
        enqueue_at(deliver, retry_at, delivery_pk)
    return retry_at.isoformat() if retry_at else None


def send_test(endpoint):
    """A test message to one endpoint, whatever its state: tried once, logged like the rest."""
    from .models import TEST_EVENT

    return create_deliveries(TEST_EVENT, payloads.payload(TEST_EVENT, None), [endpoint])[0]
