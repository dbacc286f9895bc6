"""A recap going live (now or, queued until then, at its scheduled time) is announced to its
show's fediverse followers as a Create; an edit of a live recap as an Update; taking a live
recap down (or deleting it) as a Delete. Archives (imports, demo loads: not news by follows'
rule) are not announced."""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from follows.sending import is_news
from recaps.models import Recap

from . import delivery, documents, ids, tasks


@receiver(pre_save, sender=Recap, dispatch_uid="fediverse.remember_publication")
def remember_publication(sender, instance, raw=False, **kwargs):
    before = None
    if not raw and instance.pk is not None:
        before = Recap.objects.filter(pk=instance.pk).values_list("status", "published_at").first()
    instance._fediverse_before = before


def was_live(before):
    return (
        before is not None
        and before[0] == Recap.Status.PUBLISHED
        and before[1] is not None
        and before[1] <= timezone.now()
    )


@receiver(post_save, sender=Recap, dispatch_uid="fediverse.announce")
def announce(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_fediverse_before", None)
    published = instance.status == Recap.Status.PUBLISHED and instance.published_at is not None
    if published and before == (instance.status, instance.published_at):
        kind = "Update" if instance.is_published else None
    elif published:
        kind = "Create" if is_news(instance.published_at) else None
    else:
        kind = "Delete" if was_live(before) else None
    if kind:
        transaction.on_commit(lambda: tasks.announce_when_live(instance, kind))


@receiver(pre_delete, sender=Recap, dispatch_uid="fediverse.announce_deletion")
def announce_deletion(sender, instance, **kwargs):
    """Built now, while the recap is there to describe; sent after the deletion commits."""
    if not instance.is_published:
        return
    show = instance.episode.show
    inboxes = delivery.follower_inboxes(show)
    if inboxes:
        activity = documents.recap_activity(instance, "Delete", timezone.now())
        delivery.queue(activity, ids.show_owner(show), inboxes)  # no recap: it is going
