"""The fediverse's work on the task worker (`manage.py run_worker`), never in a request: each
delivery, and the fan-out of a recap's activity to its show's followers. A scheduled recap's
Create waits in the queue for its publish time (`run_after`), as its e-mail alert does."""

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from follows.tasks import enqueue_at
from recaps.models import Recap

from . import delivery, documents, ids


@task
def deliver(delivery_pk):
    again = delivery.attempt(delivery_pk)
    if again is not None:
        enqueue_at(deliver, again, delivery_pk)
    return again is None


@task
def announce_recap(recap_pk, kind, published_at=None):
    """The Create, Update or Delete of a recap, to every follower of its show. A Create runs
    only for the publication it was queued for (a recap rescheduled since has its own)."""
    recap = Recap.objects.select_related("episode__show").filter(pk=recap_pk).first()
    if recap is None:
        return 0
    if kind != "Delete":
        live = Recap.objects.published().filter(pk=recap_pk)
        if published_at is not None:
            live = live.filter(published_at=datetime.fromisoformat(published_at))
        if not live.exists():
            return 0
    show = recap.episode.show
    inboxes = delivery.follower_inboxes(show)
    if inboxes:
        activity = documents.recap_activity(recap, kind, timezone.now())
        delivery.queue(activity, ids.show_owner(show), inboxes, recap=recap)
    return len(inboxes)


def announce_when_live(recap, kind):
    if kind == "Create":
        at = recap.published_at
        enqueue_at(announce_recap, at, recap.pk, kind, at.isoformat())
    else:
        announce_recap.enqueue(recap.pk, kind)
