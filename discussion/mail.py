"""Mail about comments is handed to the mailer once per recipient, even when the task that
sends it runs again (its worker killed mid-job, the task given back to the queue). The record
comes first: a message whose sending was cut short by the worker's death is not sent again
(a reader gets one message or, at worst, none; never the same one twice)."""

import logging

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .models import MailDelivery

logger = logging.getLogger(__name__)


def recipient_digest(address):
    return salted_hmac(
        "discussion.MailDelivery", address.strip().lower(), algorithm="sha256"
    ).hexdigest()


def send_once(comment, kind, message):
    """Hands `message` (to one recipient) to the mailer unless a run before did; True if sent."""
    [address] = message.to
    try:
        # Committed before the mailer sees the message (durable: never inside a transaction
        # that could still roll back after the message left).
        with transaction.atomic(durable=True):
            delivery = MailDelivery.objects.create(
                comment=comment, kind=kind, recipient=recipient_digest(address)
            )
    except IntegrityError:
        logger.info("Mail (%s) about comment %s was sent by an earlier run", kind, comment.pk)
        return False
    try:
        message.send()
    except Exception:
        # The mailer refused it: nothing left, so a later run may send it.
        delivery.delete()
        raise
    return True
