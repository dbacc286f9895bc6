"""Mail about comments is handed to the mailer once per recipient (core.mail.send_once), even
when the task that sends it runs again: a reader gets one message or, at worst, none."""

from django.utils.crypto import salted_hmac

from core import mail

from .models import MailDelivery


def recipient_digest(address):
    return salted_hmac(
        "discussion.MailDelivery", address.strip().lower(), algorithm="sha256"
    ).hexdigest()


def send_once(comment, kind, message):
    """Hands `message` (to one recipient) to the mailer unless a run before did; True if sent."""
    [address] = message.to
    return mail.send_once(
        message,
        lambda: MailDelivery.objects.create(
            comment=comment, kind=kind, recipient=recipient_digest(address)
        ),
        f"Mail ({kind}) about comment {comment.pk}",
    )
