"""What readers do with their subscription: ask, confirm, change, leave, be forgotten; and
what bounces and complaints do to it. Views and webhooks call these; tasks send the mail."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import digests, tasks
from .models import Delivery, Follow, Follower, Suppression, address_digest, new_key

#: The consent sentence of each version of the form; the version a reader saw is recorded.
CONSENT_WORDING = {
    # The form: "Follow <show> by e-mail", the address, "Each new recap" or "Weekly digest".
    "2026-12": "Never a spoiler in the mail. Confirm by the link we send; leave with one click.",
}
CURRENT_WORDING = "2026-12"


def normalise(email):
    """One spelling per mailbox: providers treat the local part case-insensitively too."""
    return email.strip().lower()


def ask(email, show, frequency, time_zone, source, wording, ip):
    """A reader asked to follow `show` (None: everything). Sends one confirmation per new
    request and nothing for one already made; says nothing either way (the page must not
    tell who is subscribed). Suppressed addresses are silently ignored."""
    email = normalise(email)
    if Suppression.covers(email):
        return
    now = timezone.now()
    try:
        follow, new = _ask(email, show, frequency, time_zone, source, wording, ip, now)
    except IntegrityError:
        return  # the same request, at the same moment, from another process: it sends the mail
    if new:
        transaction.on_commit(lambda: tasks.send_confirmation.enqueue(follow.pk))
        forget_at = now + timedelta(seconds=settings.FOLLOWS_CONFIRM_MAX_AGE + 60)
        transaction.on_commit(lambda: tasks.enqueue_at(tasks.forget_unconfirmed, forget_at))


def _ask(email, show, frequency, time_zone, source, wording, ip, now):
    with transaction.atomic():
        follower, _ = Follower.objects.get_or_create(
            email=email,
            defaults={
                "source": source,
                "time_zone": time_zone or "UTC",
                "consent_at": now,
                "consent_ip": ip,
                "consent_wording": wording,
            },
        )
        if follower.state == Follower.State.UNSUBSCRIBED:
            # Back after leaving: a fresh consent, and the old links stay dead.
            follower.state = Follower.State.PENDING
            follower.consent_at, follower.consent_ip, follower.consent_wording = now, ip, wording
            follower.link_key = new_key()
            follower.save()
        follow, new = Follow.objects.get_or_create(
            follower=follower, show=show, defaults={"frequency": frequency}
        )
        if (
            not new
            and follow.confirmed_at is None
            and follow.created_at < now - timedelta(seconds=settings.FOLLOWS_CONFIRM_MAX_AGE)
        ):
            # A request too old to confirm counts as none: start again.
            follow.delete()
            follow, new = (
                Follow.objects.create(follower=follower, show=show, frequency=frequency),
                True,
            )
    return follow, new


def confirm(follow):
    now = timezone.now()
    with transaction.atomic():
        updated = Follow.objects.filter(pk=follow.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirm_key=""
        )
        follower = Follower.objects.select_for_update().get(pk=follow.follower_id)
        if follower.state == Follower.State.PENDING:
            follower.state = Follower.State.CONFIRMED
            follower.confirmed_at = now
            follower.save(update_fields=["state", "confirmed_at"])
    digests.schedule(follower, tasks.queue_digest)
    return updated == 1


def unsubscribe_all(follower):
    with transaction.atomic():
        Follow.objects.filter(follower=follower).delete()
        Follower.objects.filter(pk=follower.pk).exclude(state=Follower.State.SUPPRESSED).update(
            state=Follower.State.UNSUBSCRIBED, next_digest_at=None
        )


def erase(follower):
    """Delete everything about the follower: the address, its follows and delivery log."""
    follower.delete()


def export(follower):
    """What is stored about a follower, as JSON-ready data."""

    def at(moment):
        return moment.isoformat() if moment else None

    return {
        "email": follower.email,
        "state": follower.state,
        "source": follower.source,
        "time_zone": follower.time_zone,
        "digest": {"weekday": follower.digest_weekday, "hour": follower.digest_hour},
        "paused": follower.paused,
        "consent": {
            "at": at(follower.consent_at),
            "ip_address": follower.consent_ip,
            "wording_version": follower.consent_wording,
            "wording": CONSENT_WORDING.get(follower.consent_wording, ""),
        },
        "confirmed_at": at(follower.confirmed_at),
        "created_at": at(follower.created_at),
        "follows": [
            {
                "show": follow.show.title if follow.show else None,
                "frequency": follow.frequency,
                "asked_at": at(follow.created_at),
                "confirmed_at": at(follow.confirmed_at),
            }
            for follow in follower.follows.select_related("show")
        ],
        "messages": [
            {
                "kind": delivery.kind,
                "recap": delivery.recap.headline if delivery.recap_id else None,
                "state": delivery.state,
                "sent_at": at(delivery.sent_at),
            }
            for delivery in follower.deliveries.select_related("recap__episode__show")
        ],
    }


def suppress(email, reason):
    """Never write to `email` again (a hard bounce, a complaint, or soft bounces enough)."""
    try:
        with transaction.atomic():
            Suppression.objects.create(address=address_digest(email), reason=reason)
    except IntegrityError:
        pass
    Follower.objects.filter(email=normalise(email)).update(
        state=Follower.State.SUPPRESSED, next_digest_at=None
    )


def soft_bounce(email):
    follower = Follower.objects.filter(email=normalise(email)).first()
    if follower is None:
        return
    Follower.objects.filter(pk=follower.pk).update(soft_bounces=follower.soft_bounces + 1)
    if follower.soft_bounces + 1 >= settings.FOLLOWS_SOFT_BOUNCE_LIMIT:
        suppress(email, Suppression.Reason.SOFT_BOUNCES)


def mark_delivery(message_id, state):
    if message_id:
        Delivery.objects.filter(message_id=message_id).update(state=state)
