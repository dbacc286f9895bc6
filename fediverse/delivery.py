"""Sending activities: one Delivery row per activity and inbox (a shared inbox once, however
many followers behind it), each sent by the task worker as a signed POST through core.fetch,
and tried again with a growing delay (FEDIVERSE_RETRY_DELAY_SECONDS, doubling) until
FEDIVERSE_MAX_ATTEMPTS. A 4xx other than 408 and 429 is final: the server refused the
activity and will refuse it again."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from core.fetch import BadStatus, FetchError, fetch

from . import ids, signatures
from .models import Delivery, Follower
from .remote import Blocked, check_domain

RETRIED_STATUSES = {408, 429}


def queue(activity, owner, inboxes, recap=None):
    """Delivery rows for `activity` to each inbox (in order), and a task for each new one."""
    from . import tasks

    rows = [
        Delivery(
            activity_id=activity["id"],
            kind=activity["type"],
            owner=owner,
            inbox=inbox,
            payload=activity,
            recap=recap,
        )
        for inbox in dict.fromkeys(inboxes)
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    queued = Delivery.objects.filter(
        activity_id=activity["id"], status=Delivery.Status.QUEUED, attempts=0
    ).values_list("pk", flat=True)
    for pk in queued:
        transaction.on_commit(lambda pk=pk: tasks.deliver.enqueue(pk))


def follower_inboxes(show):
    """Each follower's shared inbox, else its own, once each: shared inboxes first."""
    inboxes = (
        Follower.objects.filter(show=show)
        .annotate(
            shared_first=Case(
                When(actor__shared_inbox="", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("shared_first", "actor__domain")
        .values_list("actor__shared_inbox", "actor__inbox")
    )
    return list(dict.fromkeys(shared or own for shared, own in inboxes))


def post(delivery):
    """POST the delivery's activity to its inbox, signed as its owner; FetchError if not."""
    body = json.dumps(delivery.payload).encode()
    key_id = ids.key_id(delivery.payload["actor"])

    def headers(method, host, path):
        return {
            **signatures.signed_headers(delivery.owner, key_id, method, host, path, body),
            "Content-Type": ids.ACTIVITY_JSON,
        }

    fetch(
        delivery.inbox,
        max_bytes=settings.FEDIVERSE_MAX_DOCUMENT_BYTES,
        method="POST",
        body=body,
        headers=headers,
        accept=ids.ACTIVITY_JSON,
        total_timeout=settings.FEDIVERSE_FETCH_TIMEOUT,
    )


def retry_delay(attempts):
    return settings.FEDIVERSE_RETRY_DELAY_SECONDS * 2 ** (attempts - 1)


def attempt(pk):
    """One try of a queued delivery; when it is to be tried again, the moment to do it."""
    claimed = Delivery.objects.filter(pk=pk, status=Delivery.Status.QUEUED)
    delivery = claimed.first()
    if delivery is None:
        return None
    delivery.attempts += 1
    try:
        check_domain(delivery.inbox)
        post(delivery)
    except (FetchError, Blocked) as error:
        delivery.last_error = str(error)[:500]
        final = isinstance(error, Blocked) or (
            isinstance(error, BadStatus)
            and 400 <= error.status < 500
            and error.status not in RETRIED_STATUSES
        )
        if final or delivery.attempts >= settings.FEDIVERSE_MAX_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
        delivery.save(update_fields=["attempts", "last_error", "status"])
        if delivery.status == Delivery.Status.QUEUED:
            return timezone.now() + timedelta(seconds=retry_delay(delivery.attempts))
        return None
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    delivery.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return None
