"""Follower mail on the task worker (`manage.py run_worker`), never in a request. Alerts go
out in batches, each batch a task that queues the next; a scheduled recap's alert task waits
for its publish time in the queue (`run_after`), so no cron is needed."""

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from worker.scheduling import enqueue_at

from . import digests, mail, sending
from .models import Follow, Follower


@task
def alert_followers(recap_pk, after=0):
    """One batch of alerts about a recap; queues the next batch while there are followers left."""
    last = sending.alert_batch(recap_pk, after)
    if last is not None:
        alert_followers.enqueue(recap_pk, last)
    return last


def alert_when_live(recap_pk, published_at):
    enqueue_at(alert_followers, published_at, recap_pk)


def queue_digest(follower_pk, due):
    enqueue_at(send_digest, due, follower_pk, due.isoformat())


@task
def send_digest(follower_pk, due):
    from datetime import datetime

    return digests.send_due(follower_pk, datetime.fromisoformat(due), queue_digest)


@task
def send_confirmation(follow_pk):
    follow = Follow.objects.select_related("follower", "show").filter(pk=follow_pk).first()
    if follow is None or follow.confirmed_at is not None:
        return False
    mail.confirmation(follow).send()
    return True


@task
def forget_unconfirmed():
    """Unconfirmed requests older than the confirmation link's life, and the addresses left
    with nothing confirmed: as if never asked."""
    cutoff = timezone.now() - timedelta(seconds=settings.FOLLOWS_CONFIRM_MAX_AGE)
    follows, _ = Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    followers, _ = Follower.objects.filter(
        state=Follower.State.PENDING, follows__isnull=True, created_at__lt=cutoff
    ).delete()
    return follows + followers


@task
def send_test(recap_pk, email):
    """The real alert about a recap, to an editor, whatever its state; no delivery is kept."""
    from recaps.models import Recap

    recap = Recap.objects.select_related("episode__show").get(pk=recap_pk)
    rendered = mail.alert(recap)
    message = rendered.message_for(0, email, "test")
    message.subject = f"[Test] {message.subject}"
    message.send()
    return True
