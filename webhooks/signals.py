"""Which saves are events, told from the signals of the apps below (none of them knows of
webhooks):

- a recap going live now is "recap.published"; one scheduled waits in the queue for its time
  (tasks.announce_when_live), as the follower alerts do;
- a save of a live recap that changes what readers read (its `text_changed_at` moves) or its
  address is "recap.updated";
- a live recap taken off the site is "recap.unpublished" (one only scheduled was never seen);
- a comment made public (discussion's `comments_approved`) is "comment.approved";
- a save of a show that changes its release schedule is "show.schedule_changed".

Each is queued after the transaction commits, and only when an endpoint asked for it (a
scheduled publication is queued regardless: an endpoint may be added before its time)."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from discussion.signals import comments_approved
from recaps.models import Recap, is_visible
from shows.models import Show

from . import tasks
from .models import Endpoint, Event

SCHEDULE_FIELDS = (
    "premiere_date",
    "planned_episode_count",
    "release_weekdays",
    "release_time",
    "time_zone",
    "episodes_per_release",
    "all_at_once",
    "schedule_unknown",
)


def emit(event, pk):
    if Endpoint.objects.subscribed(event):
        transaction.on_commit(lambda: tasks.announce.enqueue(event, pk))


@receiver(pre_save, sender=Recap, dispatch_uid="webhooks.remember_recap")
def remember_recap(sender, instance, raw=False, **kwargs):
    instance._webhooks_before = (
        None
        if raw or instance.pk is None
        else Recap.objects.filter(pk=instance.pk)
        .values("status", "published_at", "slug", "text_changed_at")
        .first()
    )


@receiver(post_save, sender=Recap, dispatch_uid="webhooks.recap_events")
def recap_events(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_webhooks_before", None) or {}
    now = timezone.now()
    was_live = is_visible(before.get("status"), before.get("published_at"), now)
    live = is_visible(instance.status, instance.published_at, now)
    if live and not was_live:
        emit(Event.RECAP_PUBLISHED, instance.pk)
    elif was_live and not live:
        emit(Event.RECAP_UNPUBLISHED, instance.pk)
    elif live and (
        before["text_changed_at"] != instance.text_changed_at or before["slug"] != instance.slug
    ):
        emit(Event.RECAP_UPDATED, instance.pk)
    scheduled = instance.status == Recap.Status.PUBLISHED and not live and instance.published_at
    if scheduled and (before.get("status"), before.get("published_at")) != (
        instance.status,
        instance.published_at,
    ):
        pk, published_at = instance.pk, instance.published_at
        transaction.on_commit(lambda: tasks.schedule_publication(pk, published_at))


@receiver(comments_approved, dispatch_uid="webhooks.comment_events")
def comment_events(sender, pks, **kwargs):
    # Sent after the commit already: queue at once.
    if Endpoint.objects.subscribed(Event.COMMENT_APPROVED):
        for pk in pks:
            tasks.announce.enqueue(Event.COMMENT_APPROVED, pk)


@receiver(pre_save, sender=Show, dispatch_uid="webhooks.remember_schedule")
def remember_schedule(sender, instance, raw=False, **kwargs):
    instance._webhooks_schedule = (
        None
        if raw or instance.pk is None
        else Show.objects.filter(pk=instance.pk).values(*SCHEDULE_FIELDS).first()
    )


@receiver(post_save, sender=Show, dispatch_uid="webhooks.schedule_events")
def schedule_events(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_webhooks_schedule", None)
    if raw or created or before is None:
        return
    if any(before[name] != getattr(instance, name) for name in SCHEDULE_FIELDS):
        emit(Event.SHOW_SCHEDULE_CHANGED, instance.pk)
