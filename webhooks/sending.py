"""Sending a delivery: one signed POST per attempt through core.fetch, each attempt written
down, retries with a doubling delay until WEBHOOKS_RETRY_WINDOW_SECONDS after the event, and
an endpoint switched off after WEBHOOKS_DISABLE_AFTER_FAILURES failed attempts in a row.

Signing follows the Standard Webhooks specification through its reference package: the
`webhook-id` is the delivery's, the same on every attempt (a receiver drops one it has had), the
`webhook-timestamp` is the attempt's, and `webhook-signature` signs both with the body."""

import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook

from core import fetch

from .models import Attempt, Delivery, Endpoint

logger = logging.getLogger(__name__)

#: What the site reads of an endpoint's answer: it only needs the status.
ANSWER_MAX_BYTES = 64 * 1024
CONTENT_TYPE = "application/json"


def body_of(event, data, at):
    """The message as sent: the Standard Webhooks envelope (type, timestamp, data) in JSON."""
    message = {"type": event, "timestamp": at.isoformat().replace("+00:00", "Z"), "data": data}
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def signed_headers(delivery, at):
    body = delivery.body.encode()
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, at, body)
    return {
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }


def trusted_origins(url):
    """Where a private address is fine: nowhere, unless the settings allow it (a receiver on
    the operator's own network, or the tests' local one)."""
    return (url,) if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES else ()


def post(delivery, at):
    """POST the delivery once; the Attempt it makes (saved by the caller)."""
    started = time.monotonic()
    attempt = Attempt(delivery=delivery, number=delivery.attempt_count + 1, at=at)
    try:
        answer = fetch.post(
            delivery.endpoint.url,
            delivery.body.encode(),
            content_type=CONTENT_TYPE,
            headers=signed_headers(delivery, at),
            max_bytes=ANSWER_MAX_BYTES,
            trusted_origins=trusted_origins(delivery.endpoint.url),
            connect_timeout=min(fetch.CONNECT_TIMEOUT, settings.WEBHOOKS_TIMEOUT_SECONDS),
            total_timeout=settings.WEBHOOKS_TIMEOUT_SECONDS,
        )
    except fetch.BadStatus as error:
        attempt.status_code = error.status
        attempt.error = (
            f"Answered {error.status}; redirects are not followed"
            if error.status in fetch.REDIRECT_STATUSES
            else f"Answered {error.status}"
        )
    except fetch.FetchError as error:
        attempt.error = str(error)[:500]
    else:
        attempt.status_code = answer.status
    attempt.response_ms = round((time.monotonic() - started) * 1000)
    return attempt


def retry_delay(attempts):
    """Seconds before attempt `attempts + 1`: doubling from WEBHOOKS_RETRY_FIRST_SECONDS."""
    return settings.WEBHOOKS_RETRY_FIRST_SECONDS * 2 ** (attempts - 1)


def next_attempt_at(delivery, now):
    """When to try again, or None when the retry window is over: the last try falls at its end."""
    window_ends = delivery.created_at + timedelta(seconds=settings.WEBHOOKS_RETRY_WINDOW_SECONDS)
    if now >= window_ends:
        return None
    return min(now + timedelta(seconds=retry_delay(delivery.attempt_count)), window_ends)


def attempt(delivery_pk, now=None):
    """Make the next attempt of a pending delivery; returns when to try again (None: done)."""
    delivery = (
        Delivery.objects.select_related("endpoint")
        .filter(pk=delivery_pk, state=Delivery.State.PENDING)
        .first()
    )
    if delivery is None:
        return None
    if not delivery.endpoint.enabled and not delivery.is_test:
        finish(delivery, Delivery.State.CANCELLED, now)
        return None
    made = post(delivery, now or timezone.now())
    now = timezone.now()
    with transaction.atomic():
        made.save()
        delivery.attempt_count = made.number
        delivery.last_status = made.status_code
        if made.succeeded:
            finish(delivery, Delivery.State.SUCCEEDED, now)
            if not delivery.is_test:
                Endpoint.objects.filter(pk=delivery.endpoint_id).update(consecutive_failures=0)
            return None
        if delivery.is_test:
            finish(delivery, Delivery.State.FAILED, now)  # a test is tried once
            return None
        switched_off = count_failure(delivery.endpoint, made, gone=made.status_code == 410)
        retry_at = None if switched_off else next_attempt_at(delivery, now)
        if retry_at is None:
            finish(delivery, Delivery.State.FAILED, now)
        else:
            delivery.next_attempt_at = retry_at
            delivery.save(update_fields=["attempt_count", "last_status", "next_attempt_at"])
        return retry_at


def finish(delivery, state, now=None):
    delivery.state = state
    delivery.finished_at = now or timezone.now()
    delivery.next_attempt_at = None
    delivery.save()


def count_failure(endpoint, made, gone=False):
    """One more failed attempt in a row; the endpoint is switched off at the limit, or at once
    when it answers 410 Gone (the receiver says it is no more). Whether it was switched off."""
    Endpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = Endpoint.objects.values_list("consecutive_failures", flat=True).get(pk=endpoint.pk)
    if not gone and failures < settings.WEBHOOKS_DISABLE_AFTER_FAILURES:
        return False
    why = made.error or f"Answered {made.status_code}"
    reason = (
        "It answered 410 Gone: the receiver says it is no more."
        if gone
        else f"{failures} failed attempts in a row; the last: {why}"
    )
    switched_off = Endpoint.objects.filter(pk=endpoint.pk, enabled=True).update(
        enabled=False, disabled_at=timezone.now(), disabled_reason=reason[:500]
    )
    if switched_off:
        logger.warning("Webhook endpoint %s disabled: %s", endpoint.url, reason)
        pk = endpoint.pk
        transaction.on_commit(lambda: tell_admins_disabled(pk))
    return True


def tell_admins_disabled(endpoint_pk):
    """Mail whoever may switch the endpoint on again, through the site's mailer."""
    endpoint = Endpoint.objects.get(pk=endpoint_pk)
    users = get_user_model().objects.with_perm(
        "webhooks.change_endpoint", backend="django.contrib.auth.backends.ModelBackend"
    )
    addresses = sorted({address for address in users.values_list("email", flat=True) if address})
    if not addresses:
        return 0
    link = settings.FOLLOWS_SITE_URL + reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    body = (
        f"The webhook endpoint {endpoint.url} was switched off on "
        f"{endpoint.disabled_at:%Y-%m-%d %H:%M} UTC.\n\n{endpoint.disabled_reason}\n\n"
        f"Nothing more is sent to it until it is enabled again: {link}\n"
    )
    subject = f"[{settings.SITE_NAME}] Webhook endpoint disabled: {endpoint}"
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, addresses).send()
    return len(addresses)
