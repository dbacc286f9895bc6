"""The queries that feed reader pages: recap cards, recap links, a recap's neighbours and tags,
written for how the database reads them."""

from datetime import timedelta

from django.db.models import (
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.urls import reverse
from django.utils import timezone

from discussion.threads import with_comment_count
from pagecache import tags as cache_tags
from pagecache.fragments import cached_fragment
from ratings.queries import with_reader_rating
from readership import MOST_READ_TAG
from recaps.models import Recap, Still, TaggedRecap, published_condition
from shows.models import Episode


def of_shows(show_ids):
    """Recaps of the shows `show_ids`, through their episodes' ids.

    As `episode__show__in`, SQLite (which keeps no planner statistics) walked every published
    recap newest first and joined its episode to check the show: 35 ms at 20,000 recaps for a
    person in 62 shows. Through an IN list of episode ids it reads each episode's recaps from
    the (episode, status, published_at) index: the cost of the person's shows, not the
    archive's size."""
    return Q(episode__in=Episode.objects.filter(show__in=show_ids).values("pk"))


def recap_cards():
    """Published recaps for lists: show, episode, author and the hero still; three queries a
    page (count, rows, heroes) whatever the page size."""
    return with_comment_count(
        Recap.objects.published()
        .for_lists()
        .with_article_relations()
        .prefetch_related(
            Prefetch("stills", queryset=Still.objects.filter(is_hero=True), to_attr="heroes")
        )
    )


def cards_of(ids):
    """The recap cards (`recap_cards`) of the published recaps `ids`, in that order."""
    found = {recap.pk: recap for recap in recap_cards().filter(pk__in=ids).order_by()}
    return [found[pk] for pk in ids if pk in found]


def with_published_recap(episodes):
    """Annotate episodes with their latest published recap's pk, slug and subtitle."""
    latest = Recap.objects.published().filter(episode=OuterRef("pk")).order_by("-published_at")
    return episodes.annotate(
        recap_pk=Subquery(latest.values("pk")[:1]),
        recap_slug=Subquery(latest.values("slug")[:1]),
        recap_subtitle=Subquery(latest.values("subtitle")[:1]),
        recap_comment_count=Subquery(with_comment_count(latest).values("comment_count")[:1]),
    )


def recap_link(episode):
    """(url, headline) of the published recap annotated on an episode, or None."""
    if not episode.recap_slug:
        return None
    return {
        "pk": episode.recap_pk,
        "url": reverse("recaps:detail", kwargs={"slug": episode.recap_slug}),
        "title": f"{episode} Recap and Review: {episode.recap_subtitle}",
        "comment_count": getattr(episode, "recap_comment_count", None) or 0,
    }


# What a recap link needs: enough for its address, its headline and spoiler masking.
LINK_FIELDS = (
    "pk",
    "slug",
    "subtitle",
    "episode__number",
    "episode__show_id",
    "episode__show__title",
)


def link_from_row(pk, slug, subtitle, number, show_id, show_title):
    """A recap link (see `recap_link`) from a row of LINK_FIELDS."""
    return {
        "pk": pk,
        "url": reverse("recaps:detail", kwargs={"slug": slug}),
        "title": f"{show_title} Episode {number} Recap and Review: {subtitle}",
        "show_id": show_id,
        "show_title": show_title,
        "number": number,
    }


# Rows read for the neighbours: the three episodes (more than one row each only if an editor
# forced two published recaps of one episode) and a later episode with a published recap.
AROUND_ROWS = 8


def around_episode(episode):
    """The episode's neighbours and its readers' rating, for the recap page:
    (previous, next, later_recap, (rating average, rating count)).

    previous and next are {"episode", "recap"} (None where the show has no such episode;
    "recap" None while it has no published recap); later_recap says whether any later episode
    of the show has a published recap (only the latest recap of a show carries the "Next:"
    line). One query of plain values: the three episodes with their published recaps and
    their readers' rating, and the first later episode with a published recap."""
    show, number = episode.show, episode.number
    live = FilteredRelation("recaps", condition=published_condition(through="recaps__"))
    rows = (
        with_reader_rating(Episode.objects.filter(show_id=show.pk).annotate(live=live))
        .filter(
            Q(number__in=[number - 1, number, number + 1])
            | Q(number__gt=number + 1, live__isnull=False)
        )
        .order_by("number", F("live__published_at").desc(nulls_last=True), "-live__pk")
        .values_list(
            "pk",
            "number",
            "title",
            "live__pk",
            "live__slug",
            "live__subtitle",
            "reader_rating_average",
            "reader_rating_count",
        )[:AROUND_ROWS]
    )
    around, rating, later_recap = {}, (None, 0), False
    for pk, row_number, title, recap_pk, slug, subtitle, average, count in rows:
        if row_number == number:
            rating = (average, count)
            continue
        later_recap = later_recap or (row_number > number and recap_pk is not None)
        if row_number not in (number - 1, number + 1):
            continue
        neighbour = around.setdefault(
            row_number,
            {
                "episode": Episode(pk=pk, show=show, number=row_number, title=title),
                "recap": None,
            },
        )
        if recap_pk is not None and neighbour["recap"] is None:
            neighbour["recap"] = link_from_row(
                recap_pk, slug, subtitle, row_number, show.pk, show.title
            )
    return around.get(number - 1), around.get(number + 1), later_recap, rating


def tags_of(recap):
    """The recap's tags as {"pk", "name", "url"}, in the order they were added. One query."""
    return [
        {"pk": pk, "name": name, "url": reverse("recaps:tag", args=[slug])}
        for pk, name, slug in TaggedRecap.objects.filter(content_object_id=recap.pk)
        .order_by("pk")
        .values_list("tag_id", "tag__name", "tag__slug")
    ]


MOST_READ_LIMIT = 5
MOST_READ_DAYS = 7


def most_read(show_pk=None, today=None):
    """The published recaps read most in the last MOST_READ_DAYS days (today included), of one
    show or all, as recap links with their `views`: one query, kept until the hourly flush of
    views purges it (readership.MOST_READ_TAG) or one of the recaps changes."""

    def build():
        since = (today or timezone.localdate()) - timedelta(days=MOST_READ_DAYS - 1)
        recaps = Recap.objects.published().filter(daily_views__day__gte=since)
        if show_pk is not None:
            recaps = recaps.filter(episode__show_id=show_pk)
        rows = (
            recaps.values_list(*LINK_FIELDS)
            .annotate(views=Sum("daily_views__views"))
            .order_by("-views", "-pk")[:MOST_READ_LIMIT]
        )
        return [{**link_from_row(*row[:-1]), "views": row[-1]} for row in rows]

    return cached_fragment(
        "most-read",
        [MOST_READ_TAG, cache_tags.RECAPS],
        build,
        key_parts=(show_pk, today),
        tags_of=lambda links: [cache_tags.recap(link["pk"]) for link in links],
    )
