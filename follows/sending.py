"""Handing follower mail to the mailer exactly once.

Each batch first writes a queued Delivery row per follower (the unique constraint turns a
second one into nothing), then claims a few rows at a time (FOLLOWS_CLAIM_SIZE) with one
conditional UPDATE just before their messages go out: only the run whose UPDATE changed a row
sends it. A worker killed mid-batch leaves the rest queued for the run that follows, and the
rows it had claimed but not finished ("handed to the mailer"), which are never sent again: a
reader gets one message or, at worst, none. Followers are read in keyset batches, so memory
stays flat however many there are."""

import logging
import secrets
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from recaps.models import Recap

from . import mail
from .models import Delivery, Follow, Follower

logger = logging.getLogger(__name__)


class Throttle:
    """At most `rate` messages a second (0: no limit), as an ESP's sending quota asks."""

    def __init__(self, rate):
        self.rate = rate
        self.started = time.monotonic()
        self.count = 0

    def wait(self):
        self.count += 1
        if self.rate:
            ahead = self.count / self.rate - (time.monotonic() - self.started)
            if ahead > 0:
                time.sleep(ahead)


def live_recap(recap_pk):
    """The recap, if its followers may be told about it now: live, alerts not switched off, and
    gone live recently (an imported archive or a backdated recap is not news)."""
    recap = (
        Recap.objects.published()
        .filter(pk=recap_pk, no_follower_alert=False)
        .select_related("episode__show")
        .first()
    )
    if recap is None or not is_news(recap.published_at):
        return None
    return recap


def is_news(published_at):
    return published_at >= timezone.now() - timedelta(seconds=settings.FOLLOWS_ALERT_WINDOW)


def anyone_to_alert(show_id):
    return Follow.objects.filter(
        Q(show_id=show_id) | Q(show__isnull=True),
        frequency=Follow.Frequency.EACH,
        confirmed_at__isnull=False,
        follower__state=Follower.State.CONFIRMED,
    ).exists()


def alert_recipients(recap):
    """Confirmed, unpaused followers who asked for each new recap of this show (or of
    everything) before it went live."""
    follows = Follow.objects.filter(
        Q(show_id=recap.episode.show_id) | Q(show__isnull=True),
        follower=OuterRef("pk"),
        frequency=Follow.Frequency.EACH,
        confirmed_at__lte=recap.published_at,
    )
    return Follower.objects.filter(
        Exists(follows), state=Follower.State.CONFIRMED, paused=False
    ).order_by("pk")


def claim(kind_filter, pks):
    """Claim the queued rows of followers `pks` with one conditional UPDATE: the follower pks
    whose rows this run claimed (another run, or worker, claims none of them)."""
    token = secrets.token_hex(8)
    Delivery.objects.filter(kind_filter, follower_id__in=pks, state=Delivery.State.QUEUED).update(
        state=Delivery.State.SENDING, claimed_by=token, sent_at=timezone.now()
    )
    return set(
        Delivery.objects.filter(kind_filter, follower_id__in=pks, claimed_by=token).values_list(
            "follower_id", flat=True
        )
    )


def mark(kind_filter, pks, state):
    if pks:
        Delivery.objects.filter(kind_filter, follower_id__in=pks).update(state=state)


def hand_over(connection, rows, make_message, kind_filter):
    """Claim and send (follower pk, email, link key) `rows`, FOLLOWS_CLAIM_SIZE at a time;
    the pks sent. A worker killed mid-chunk leaves at most that chunk's unsent rows claimed
    (never sent again); a refusal by the mail server gives back what it did not take."""
    throttle = Throttle(settings.FOLLOWS_SEND_RATE)
    sent = []
    size = max(1, settings.FOLLOWS_CLAIM_SIZE)
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        ours = claim(kind_filter, [pk for pk, *_ in chunk])
        done, failed, current = [], [], None
        try:
            for pk, address, link_key in chunk:
                if pk not in ours:
                    continue
                current = pk
                message = make_message(pk, address, link_key)
                try:
                    connection.send_messages([message])
                except smtplib.SMTPRecipientsRefused:
                    failed.append(pk)
                    continue
                except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError):
                    current = None  # refused outright: it did not go out either
                    raise
                done.append(pk)
                provider_id = getattr(getattr(message, "anymail_status", None), "message_id", "")
                if provider_id:
                    # A provider's bounce and complaint events name its own id for the message.
                    Delivery.objects.filter(kind_filter, follower_id=pk).update(
                        message_id=provider_id
                    )
                throttle.wait()
        except Exception:
            # What was never handed over goes back to the queue; the message in flight when
            # the connection broke may have been delivered, so it stays claimed.
            mark(kind_filter, list(ours - set(done) - set(failed) - {current}), "queued")
            raise
        finally:
            mark(kind_filter, done, Delivery.State.SENT)
            mark(kind_filter, failed, Delivery.State.FAILED)
        sent += done
    return sent


def alert_batch(recap_pk, after=0):
    """Send the next batch of alerts about a recap, followers after pk `after`; the last pk
    of the batch (where the next one starts), or None when there is nothing left to do. A
    recap taken off the site, or switched to "do not alert", stops the rest."""
    recap = live_recap(recap_pk)
    if recap is None:
        return None
    rows = list(
        alert_recipients(recap)
        .filter(pk__gt=after)
        .values_list("pk", "email", "link_key")[: settings.FOLLOWS_BATCH_SIZE]
    )
    if not rows:
        return None
    Delivery.objects.bulk_create(
        [Delivery(follower_id=pk, recap_id=recap_pk, kind=Delivery.Kind.ALERT) for pk, *_ in rows],
        ignore_conflicts=True,
    )
    rendered = mail.alert(recap)
    kind = Q(recap_id=recap_pk, kind=Delivery.Kind.ALERT)
    connection = mailers.default
    connection.open()
    try:
        sent = hand_over(connection, rows, rendered.message_for, kind)
    finally:
        connection.close()
    logger.info("Recap %s: %s alerts sent after follower %s", recap_pk, len(sent), after)
    return rows[-1][0]
