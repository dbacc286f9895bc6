"""The weekly digest: every recap of the shows a follower takes weekly, gone live since their
last digest, in one mail at their weekday and hour; none when there is nothing new."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from recaps.models import Recap

from . import mail
from .models import Delivery, Follow, Follower
from .schedule import next_digest

logger = logging.getLogger(__name__)


def weekly_follows(follower):
    return Follow.objects.confirmed().filter(follower=follower, frequency=Follow.Frequency.WEEKLY)


def recaps_for(follower, since, until):
    """Recaps gone live in (since, until] of the shows taken weekly, minus any this follower
    was already alerted about."""
    follows = list(weekly_follows(follower).values_list("show_id", flat=True))
    if not follows:
        return []
    shows = Q() if None in follows else Q(episode__show_id__in=follows)
    alerted = Delivery.objects.filter(follower=follower, kind=Delivery.Kind.ALERT).values(
        "recap_id"
    )
    return list(
        Recap.objects.published(at=until)
        .filter(shows, published_at__gt=since, no_follower_alert=False)
        .exclude(pk__in=alerted)
        .select_related("episode__show")
        .order_by("episode__show__title", "episode__number")
    )


def due_after(follower, moment):
    return next_digest(moment, follower.digest_weekday, follower.digest_hour, follower.time_zone)


def schedule(follower, enqueue):
    """Set the follower's next digest time (None without weekly follows) and, when it moved,
    `enqueue(follower_pk, due)` the task that sends it."""
    due = None
    if follower.state == Follower.State.CONFIRMED and weekly_follows(follower).exists():
        due = due_after(follower, timezone.now())
    if due != follower.next_digest_at:
        Follower.objects.filter(pk=follower.pk).update(next_digest_at=due)
        follower.next_digest_at = due
        if due is not None:
            enqueue(follower.pk, due)
    return due


def preview(follower, at=None):
    """(due, rendered or None): the next digest as it would go out now."""
    at = at or timezone.now()
    due = follower.next_digest_at or due_after(follower, at)
    since = follower.last_digest_at or follower.confirmed_at or follower.created_at
    recaps = recaps_for(follower, since, at)
    return due, (mail.digest(recaps, follower) if recaps else None)


def send_due(follower_pk, due, enqueue):
    """Send the digest due at `due` if it is still the follower's next one; then schedule the
    one after. True if a mail went out."""
    follower = Follower.objects.filter(pk=follower_pk).first()
    if follower is None or follower.next_digest_at != due:
        return False  # erased, or the digest time changed since (a newer task is waiting)
    since = follower.last_digest_at or follower.confirmed_at or follower.created_at
    sent = False
    recaps = recaps_for(follower, since, due) if follower.receives_mail else []
    if recaps:
        sent = _send_once(follower, due, mail.digest(recaps, follower))
    Follower.objects.filter(pk=follower.pk).update(last_digest_at=due)
    follower.last_digest_at = due
    schedule(follower, enqueue)
    return sent


def _send_once(follower, due, rendered):
    message = rendered.message_for(follower.pk, follower.email, follower.link_key)
    try:
        with transaction.atomic(durable=True):
            delivery = Delivery.objects.create(
                follower=follower,
                kind=Delivery.Kind.DIGEST,
                digest_at=due,
                state=Delivery.State.SENDING,
                message_id=message.extra_headers["Message-ID"],
                sent_at=timezone.now(),
            )
    except IntegrityError:
        logger.info("Digest of %s for %s went out in an earlier run", follower.pk, due)
        return False
    try:
        message.send()
    except Exception:
        delivery.delete()
        raise
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.SENT)
    return True
