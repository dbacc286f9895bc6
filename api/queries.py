"""The querysets behind the API: published recaps only (`Recap.objects.published()`), each
list a fixed number of queries whatever its length (the tests count them)."""

from django.db.models import Prefetch, Q

from discussion.threads import with_comment_count
from recaps.models import Recap, Still, TaggedRecap
from recaps.visibility import visible_tags
from shows.models import Episode, Show
from shows.schedule import releases_until


def recaps():
    """Published recaps with what their summaries read: show, episode, author, comment count
    (one query), hero still and tags (one query each)."""
    return with_comment_count(
        Recap.objects.published()
        .for_lists()
        .with_article_relations()
        .prefetch_related(
            Prefetch("stills", queryset=Still.objects.filter(is_hero=True), to_attr="heroes"),
            Prefetch(
                "tagged_items",
                queryset=TaggedRecap.objects.select_related("tag").order_by("pk"),
                to_attr="tag_links",
            ),
        )
    )


def recap_detail(slug):
    """The published recap `slug` whole, or None: one query, with its stills and tags (one
    query each)."""
    recap = (
        with_comment_count(Recap.objects.published().with_article_relations())
        .filter(slug=slug)
        .first()
    )
    if recap is None:
        return None
    recap.all_stills = list(Still.objects.filter(recap_id=recap.pk))
    rows = list(
        TaggedRecap.objects.filter(content_object_id=recap.pk)
        .order_by("pk")
        .values_list("tag_id", "tag__slug", "tag__name")
    )
    recap.tag_ids = [pk for pk, _, _ in rows]
    recap.tag_pairs = [(slug, name) for _, slug, name in rows]
    return recap


def tag_pairs(recap):
    """(slug, name) of a recap's tags, loaded by `recaps()` or `recap_detail()`."""
    if hasattr(recap, "tag_pairs"):
        return recap.tag_pairs
    return [(link.tag.slug, link.tag.name) for link in recap.tag_links]


def hero_of(recap):
    return recap.heroes[0] if recap.heroes else None


def episodes_of_show(slug):
    return Q(episode__in=Episode.objects.filter(show__slug=slug).values("pk"))


def tagged(slug):
    return Q(pk__in=TaggedRecap.objects.filter(tag__slug=slug).values("content_object_id"))


def aired_after(day):
    """Episodes that air after `day`: set by hand to a later date, or, without a date of their
    own, numbered after the last release of their show's schedule on or before `day`. One
    query of the shows' schedules; the schedule arithmetic is `shows.schedule`'s."""
    later = Q(air_date_override__gt=day)
    released_by_show = {}
    for show in Show.objects.filter(premiere_date__isnull=False, schedule_unknown=False).only(
        "pk",
        "premiere_date",
        "release_weekdays",
        "episodes_per_release",
        "release_time",
        "time_zone",
        "all_at_once",
        "planned_episode_count",
        "schedule_unknown",
    ):
        released = 0
        for release in releases_until(show.release_schedule, day):
            released = release.last_episode
        if show.planned_episode_count is None or released < show.planned_episode_count:
            released_by_show.setdefault(released, []).append(show.pk)
    # One condition per number of episodes released, not per show: shows not yet on air (0)
    # and those airing share a few.
    derived = Q(pk__in=[])
    for released, show_ids in released_by_show.items():
        derived |= Q(show_id__in=show_ids, number__gt=released)
    return later | (Q(air_date_override__isnull=True) & derived)


def shows():
    return Show.objects.with_platforms()


def tags():
    return visible_tags()
