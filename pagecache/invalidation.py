"""Which changes purge which tags: every save or delete that alters a reader page purges the
tags of what it changed (`pagecache.purge.invalidate`). Changes made with `update()` skip
these signals; the code that makes them calls `invalidate` itself."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from . import front_purgers, tags
from .purge import invalidate


def recap_tags(recap):
    return {tags.recap(recap.pk), tags.show(recap.episode.show_id)}


def publication_and_text(recap):
    return (recap.status, recap.published_at, recap.text_changed_at)


def remember_publication(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._publication_before = None
        return
    before = (
        sender.objects.filter(pk=instance.pk)
        .values_list("status", "published_at", "text_changed_at")
        .first()
    )
    instance._publication_before = before


def recap_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    names = recap_tags(instance)
    before = getattr(instance, "_publication_before", None)
    after = publication_and_text(instance)
    if created or before is None or before[:2] != after[:2]:
        # Which recaps are published, or when, changed: every list and neighbour link may too.
        names.add(tags.RECAPS)
    if created or before is None or before[2] != after[2]:
        names.add(tags.TEXTS)
    invalidate(names)


def recap_deleted(sender, instance, **kwargs):
    invalidate({*recap_tags(instance), tags.RECAPS, tags.comments(instance.pk)})


def still_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.recap(instance.recap_id)})


def tagged_recap_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.recap(instance.content_object_id), tags.tag(instance.tag_id)})


def also_read_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        invalidate({tags.recap(pk) for pk in pk_set or ()} | {tags.recap(instance.pk)})
    else:
        invalidate({tags.recap(instance.pk)})


def tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.tag(instance.pk)})


def show_changed(sender, instance, raw=False, **kwargs):
    """A show's title also stands in its cast's filmographies and "last seen in" lines."""
    if not raw:
        cast = instance.credits.values_list("person_id", flat=True) if instance.pk else []
        invalidate({tags.show(instance.pk), tags.SHOWS, *cast_pages(cast)})


def episode_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.show(instance.show_id)})


def platform_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.show(pk) for pk in instance.shows.values_list("pk", flat=True)})


def show_platforms_changed(sender, instance, action, pk_set, reverse, model, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        invalidate({tags.show(pk) for pk in pk_set or ()})
    else:
        invalidate({tags.show(instance.pk)})


def person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate(cast_pages([instance.pk]))


def credit_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.show(instance.show_id), *cast_pages([instance.person_id])})


def cast_pages(person_pks):
    """The tags of the pages that name these people: their own, and those of every show that
    credits them, whose facts box lists its cast with the other shows each was last seen in
    (so the recap page, the most read, need not carry a tag per cast member)."""
    from people.models import Credit

    shows = Credit.objects.filter(person_id__in=list(person_pks)).values_list("show_id", flat=True)
    return {
        *(tags.person(pk) for pk in person_pks),
        *(tags.show(pk) for pk in shows.distinct()),
    }


def settings_changed(sender, instance, raw=False, **kwargs):
    """Site settings show on every page; comment settings open or close the form on every
    recap page."""
    if not raw:
        invalidate({tags.SITE})


def comment_changed(sender, instance, raw=False, **kwargs):
    if not raw and str(instance.object_pk).isdigit():
        invalidate({tags.comments(int(instance.object_pk))})


def moderation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        comment_changed(sender, instance.comment)


def discussion_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({tags.comments(instance.recap_id)})


def vote_changed(sender, instance, raw=False, **kwargs):
    """Readers' ratings refresh their pages at most once a minute, not on every vote."""
    if raw:
        return
    names = {tags.ratings(instance.episode_id)}
    due = tags.purge_within(names, RATINGS_LAG_SECONDS)
    if due:
        transaction.on_commit(lambda: front_purgers.purge_later(due, delay=RATINGS_LAG_SECONDS))


RATINGS_LAG_SECONDS = 60


def connect():
    from django_comments_xtd.models import XtdComment
    from taggit.models import Tag

    from discussion.models import CommentSettings, Moderation, RecapDiscussion
    from people.models import Credit, Person
    from ratings.models import EpisodeVote
    from recaps.models import Recap, Still, TaggedRecap
    from shows.models import Episode, Platform, Show
    from sitesettings.models import SiteSettings

    uid = "pagecache"
    pre_save.connect(remember_publication, sender=Recap, dispatch_uid=uid)
    post_save.connect(recap_saved, sender=Recap, dispatch_uid=uid)
    post_delete.connect(recap_deleted, sender=Recap, dispatch_uid=uid)
    m2m_changed.connect(also_read_changed, sender=Recap.also_read.through, dispatch_uid=uid)
    m2m_changed.connect(show_platforms_changed, sender=Show.platforms.through, dispatch_uid=uid)
    for model, receiver in (
        (Still, still_changed),
        (TaggedRecap, tagged_recap_changed),
        (Tag, tag_changed),
        (Show, show_changed),
        (Episode, episode_changed),
        (Platform, platform_changed),
        (Person, person_changed),
        (Credit, credit_changed),
        (SiteSettings, settings_changed),
        (CommentSettings, settings_changed),
        (XtdComment, comment_changed),
        (Moderation, moderation_changed),
        (RecapDiscussion, discussion_changed),
        (EpisodeVote, vote_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
