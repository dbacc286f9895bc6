"""Mail handed to the mailer once, even when the task that sends it runs again (its worker
killed mid-job, the task given back to the queue). A row saying it was handed over comes
first, committed on its own, and a unique constraint refuses a second: a message whose sending
was cut short by the worker's death is not sent again (one message or, at worst, none; never
the same one twice). A message the mailer refuses takes its row away, so a later run may send
it."""

import logging

from django.db import IntegrityError, transaction

logger = logging.getLogger(__name__)


def send_once(message, claim, described):
    """Hands `message` to the mailer unless a run before did; True if sent. `claim()` writes the
    row that records it (IntegrityError when one exists); `described` names it for the log."""
    try:
        # Never inside a transaction that could still roll back after the message left.
        with transaction.atomic(durable=True):
            record = claim()
    except IntegrityError:
        logger.info("%s was sent by an earlier run", described)
        return False
    try:
        message.send()
    except Exception:
        record.delete()
        raise
    return True
