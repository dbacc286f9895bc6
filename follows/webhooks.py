"""django-anymail's tracking events (any provider: SES, Postmark, Mailgun, SendGrid …): a hard
bounce or a spam complaint suppresses the address at once, a soft bounce counts, and
FOLLOWS_SOFT_BOUNCE_LIMIT of them suppress it. Anymail checks the webhook's basic auth
(ANYMAIL_WEBHOOK_SECRET); config.urls serves the webhooks only when it is set."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from . import subscriptions
from .models import Delivery, Suppression


def is_soft(event):
    """A bounce the provider itself calls temporary: a deferral, a 4xx reply, or Postmark's
    and others' "soft" / "transient" bounce types."""
    if event.event_type == EventType.DEFERRED:
        return True
    response = (event.mta_response or "").strip()
    if response[:1] == "4":
        return True
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    kind = str(raw.get("Type") or raw.get("bounceType") or raw.get("type") or "").lower()
    return any(word in kind for word in ("soft", "transient"))


@receiver(tracking, dispatch_uid="follows.tracking")
def on_tracking(sender, event, esp_name, **kwargs):
    if not event.recipient:
        return
    if event.event_type == EventType.COMPLAINED:
        subscriptions.mark_delivery(event.message_id, Delivery.State.COMPLAINED)
        subscriptions.suppress(event.recipient, Suppression.Reason.COMPLAINT)
    elif event.event_type in (EventType.BOUNCED, EventType.DEFERRED, EventType.REJECTED):
        subscriptions.mark_delivery(event.message_id, Delivery.State.BOUNCED)
        if is_soft(event):
            subscriptions.soft_bounce(event.recipient)
        else:
            subscriptions.suppress(event.recipient, Suppression.Reason.HARD_BOUNCE)
    elif event.event_type == EventType.UNSUBSCRIBED:
        follower = subscriptions.Follower.objects.filter(
            email=subscriptions.normalise(event.recipient)
        ).first()
        if follower is not None:
            subscriptions.unsubscribe_all(follower)
