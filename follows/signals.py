"""A recap going live (now or at its scheduled time) queues its alerts once per publication;
an edit of a live recap queues nothing. Bounces and complaints from the mail provider
(django-anymail's tracking webhooks) suppress the address."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from recaps.models import Recap

from . import sending, tasks, webhooks  # noqa: F401  (webhooks connects anymail's signal)


@receiver(pre_save, sender=Recap, dispatch_uid="follows.remember_publication")
def remember_publication(sender, instance, raw=False, **kwargs):
    instance._follows_publication = (
        None
        if raw or instance.pk is None
        else Recap.objects.filter(pk=instance.pk).values_list("status", "published_at").first()
    )


@receiver(post_save, sender=Recap, dispatch_uid="follows.queue_alerts")
def queue_alerts(sender, instance, raw=False, **kwargs):
    if raw or instance.status != Recap.Status.PUBLISHED or instance.published_at is None:
        return
    if getattr(instance, "_follows_publication", None) == (instance.status, instance.published_at):
        return  # the same publication, edited
    if instance.no_follower_alert or not sending.is_news(instance.published_at):
        return  # switched off, or an archive (an import, a demo load): no task at all
    if instance.is_published and not sending.anyone_to_alert(instance.episode.show_id):
        return  # live now and nobody to tell (a scheduled one waits: followers may come)
    pk, published_at = instance.pk, instance.published_at
    transaction.on_commit(lambda: tasks.alert_when_live(pk, published_at))
