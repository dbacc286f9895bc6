"""Reader pages. Every recap a reader can reach comes from `Recap.objects.published()`.

The show hub and the person page list articles, so their views live here with the articles
(shows and people stay free of recaps); `recaps/urls.py` routes them under /shows/ and /people/."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import (
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from discussion.section import comment_count, recap_discussion
from discussion.threads import with_comment_count
from pagecache import tags as cache_tags
from pagecache.tags import cached_fragment, kept_fragment
from pagecache.views import CacheTaggedMixin, card_tags
from people.cast import credits_for_facts, fact_credits, show_facts
from people.models import Credit, Person
from ratings import rated_cookie
from ratings.queries import rating_of, with_reader_rating
from shows.models import Episode, Show
from sitesettings.models import SiteSettings
from spoilers import views as spoiler_views

from . import preview, seo, workflow
from .models import Recap, RecapSlugRedirect, Still, TaggedRecap, published_condition
from .queries import of_shows
from .sections import build_sections

ALSO_READ_LIMIT = 6
ARTICLE_FRAGMENT = "recap-article"
AIRING_NOW_LIMIT = 8


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


class ReaderListMixin:
    """What the list pages share: a page size, metadata from `meta_for()`, and the number of
    recaps listed, which a paginator would count on every request and which grows with the
    archive: it is kept until a change purges `count_tags()` (a publication, the tag, the
    person)."""

    paginate_by = 20

    def count_tags(self):
        return [cache_tags.RECAPS]

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = cached_fragment(
            "list-count",
            self.count_tags(),
            queryset.count,
            key_parts=(type(self).__name__, self.request.path),
        )
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = self.meta_for(context)
        return context


class HomeView(CacheTaggedMixin, ReaderListMixin, ListView):
    template_name = "recaps/home.html"
    context_object_name = "recaps"

    def cache_tags(self, context):
        airing = {cache_tags.show(item["show"].pk) for item in context["airing_now"]}
        return {"home", cache_tags.RECAPS, cache_tags.SHOWS, *airing, *card_tags(context["recaps"])}

    def get_queryset(self):
        return recap_cards()

    def airing_now(self):
        """Shows that have premiered and whose finale is today or later (or unknown), with their
        next release; one query. Not an imported show whose schedule is still unknown: its
        run cannot be told from one that goes on."""
        now = timezone.now()
        shows = Show.objects.filter(
            schedule_unknown=False,
            premiere_date__lte=now.date() + timedelta(days=1),
            premiere_date__gte=now.date() - timedelta(days=730),
        ).order_by("-premiere_date")
        airing = []
        for show in shows:
            today = show.local_today(now)
            if show.premiere_date > today or (show.finale_date and show.finale_date < today):
                continue
            airing.append({"show": show, "next_release": show.next_release_notice(now)})
            if len(airing) == AIRING_NOW_LIMIT:
                break
        return airing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["airing_now"] = self.airing_now()
        return context

    def meta_for(self, context):
        settings = SiteSettings.load()
        return seo.page_meta(
            self.request,
            f"{settings.site_name}: latest episode recaps and reviews",
            settings.tagline,
        )


class RecapDetailView(CacheTaggedMixin, DetailView):
    """A published recap. A reader whose spoiler mark is an earlier episode gets the spoiler
    warning instead, unless they ask to see it anyway.

    The most-read page of the site. What is the same for every reader (the article rendered,
    its neighbours, Also Read, tags and rating) is built once and kept until something it
    shows changes (`read_article`); a request for a kept article runs no query and renders
    only what a reader's cookies change. Building it runs plain queries of values (see
    `tests/reader/test_query_budgets.py` for what each query is)."""

    context_object_name = "recap"

    def cache_tags(self, context):
        return context["article"]["cache_tags"]

    def rated_episodes(self, context):
        return [context["recap"].episode_id]

    def recaps(self):
        return (
            Recap.objects.with_article_relations()
            # Closed-by-hand comments (the discussion app) come with the recap: no extra query.
            .select_related("discussion")
        )

    def get_queryset(self):
        return self.recaps().published()

    def get(self, request, *args, **kwargs):
        article = self.kept_article()
        try:
            self.object = article["recap"] if article else self.get_object()
        except Http404:
            # An address the recap had before its slug changed: send readers on, for good.
            moved = (
                RecapSlugRedirect.objects.filter(
                    old_slug=kwargs.get("slug"), recap__in=Recap.objects.published()
                )
                .select_related("recap")
                .first()
            )
            if moved is None:
                raise
            return redirect(moved.recap, permanent=True)
        # Decided before the article is built: the warning shows none of it.
        warning = self.spoiler_warning()
        if warning is not None:
            return warning
        self.article_is_new = article is None
        self.article = article or self.read_article(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def article_key(self):
        # The article's HTML holds absolute addresses, hence the host.
        return (self.kwargs["slug"], self.request.scheme, self.request.get_host())

    def kept_article(self):
        return kept_fragment(ARTICLE_FRAGMENT, self.article_key())

    def read_article(self, recap):
        """`build_article`, kept until the recap, its comments, its show (or its cast), one of
        its tags, a linked recap's show or what is published changes, or (a minute late) a
        reader rates the episode: a request for a kept article runs no query."""
        return cached_fragment(
            ARTICLE_FRAGMENT,
            [cache_tags.SITE],
            build=lambda: self.build_article(recap),
            key_parts=self.article_key(),
            tags_of=lambda article: article["cache_tags"],
        )

    def spoiler_warning(self):
        if self.request.GET.get("spoilers") == spoiler_views.SHOW_ANYWAY:
            return None
        return spoiler_views.warning_for(self.request, self.object.episode)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recap, article = self.object, self.article
        # A reader who rated this episode reads its rating fresh, so their vote counts at once.
        if not self.article_is_new and rated_cookie.read(self.request).get(recap.episode_id):
            around = around_episode(recap.episode)
        else:
            around = article["around"]
        previous, following, later_recap, rating = around
        # What the rating tag reads, named as `with_reader_rating` names it on lists.
        recap.reader_rating_average, recap.reader_rating_count = rating
        context.update(
            article=article,
            discussion=recap_discussion(self.request, recap),
            show=recap.episode.show,
            next_release=not later_recap and recap.episode.show.next_release_notice(),
            previous_episode=previous,
            next_episode=following,
            also_read=article["also_read"],
            tags=article["tags"],
            meta=article["meta"],
        )
        return context

    def build_article(self, recap):
        """What the recap page shows the same way to every reader: the recap, the article's
        head, header and body rendered (spoiler masking needs a reader, so Also Read and the
        neighbours stay data), where to watch, the neighbouring episodes and rating
        (`around_episode`), Also Read, the tags, and the cache tags of all of it."""
        episode, show = recap.episode, recap.episode.show
        prefetch_related_objects([show], "platforms")
        stills = list(Still.objects.filter(recap_id=recap.pk))
        hero = next((still for still in stills if still.is_hero), None)
        credits = fact_credits(show)
        around = around_episode(episode)
        previous, following = around[:2]
        also_read = self.also_read(recap, show, credits, [previous, following])
        tags = tags_of(recap)
        site_settings = SiteSettings.load()
        facts = show_facts(show, credits)
        parts = {
            "recap": recap,
            "show": show,
            "hero": hero,
            "sections": build_sections(recap, [still for still in stills if still is not hero]),
            "facts": facts,
            "comment_count": comment_count(recap),
            "meta": seo.recap_meta(self.request, recap, hero, site_settings.site_name),
            "site_settings": site_settings,
        }
        linked_shows = {link["show_id"] for link in also_read if link["show_id"]}
        return {
            "recap": recap,
            "head": render_to_string("recaps/includes/recap_head.html", parts),
            "header": render_to_string("recaps/includes/recap_header.html", parts),
            "body": render_to_string("recaps/includes/recap_body.html", parts),
            "meta": parts["meta"],
            "where_to_watch": facts["where_to_watch"],
            "around": around,
            "also_read": also_read,
            "tags": tags,
            "cache_tags": sorted(
                {
                    cache_tags.recap(recap.pk),
                    cache_tags.comments(recap.pk),
                    cache_tags.show(show.pk),
                    cache_tags.ratings(episode.pk),
                    cache_tags.RECAPS,
                    # Its show's tag also stands for the cast in the facts box and Also
                    # Read's recaps of shows sharing cast (see pagecache.invalidation).
                    *(cache_tags.show(pk) for pk in linked_shows),
                    *(cache_tags.tag(tag["pk"]) for tag in tags),
                }
            ),
        }

    def also_read(self, recap, show, credits, neighbours):
        """Editor's picks, the show's hub, the neighbouring episodes' recaps, then recent recaps
        of other shows sharing cast members: published only, no duplicates, at most
        ALSO_READ_LIMIT recaps (plus the hub). Two queries of plain values. Each recap link
        carries its show and episode number, so spoiler-safe reading can mask it without a
        query."""
        seen = {recap.pk}
        links = []

        def add(link):
            if link["pk"] not in seen and len(links) < ALSO_READ_LIMIT + 1:
                seen.add(link["pk"])
                links.append(link)

        for row in recap.also_read.published().values_list(*LINK_FIELDS)[:ALSO_READ_LIMIT]:
            add(link_from_row(*row))
        links.append(
            {
                "pk": None,
                "url": show.get_absolute_url(),
                "title": f"All of Our Reviews of {show.title}",
                "show_id": None,
            }
        )
        for neighbour in neighbours:
            if neighbour and neighbour["recap"]:
                add(neighbour["recap"])
        people = {credit.person_id for credit in credits}
        if people and len(links) < ALSO_READ_LIMIT + 1:
            shows = Show.objects.filter(credits__person__in=people).exclude(pk=show.pk)
            shared = (
                Recap.objects.published()
                # Through the shows' episodes, so the database reads those few shows' recaps
                # by the episode index instead of walking every published recap by date.
                .filter(episode__in=Episode.objects.filter(show__in=shows))
                .exclude(pk__in=seen)
                .values_list(*LINK_FIELDS)[:ALSO_READ_LIMIT]
            )
            for row in shared:
                add(link_from_row(*row))
        return links


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


class PreviewMixin:
    """A recap in the public layout whatever its state, never cached and never indexed."""

    template_name = "recaps/recap_detail.html"

    def get_queryset(self):
        return self.recaps()

    def spoiler_warning(self):
        # Staff check the recap itself, whatever they have watched.
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def kept_article(self):
        return None

    def read_article(self, recap):
        return self.build_article(recap)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return private(response)


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class RecapPreviewView(PreviewMixin, RecapDetailView):
    """Staff who may change the recap see it as readers will."""

    def get_object(self, queryset=None):
        recap = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        user = self.request.user
        if not (user.is_active and user.is_staff and workflow.can_preview(user, recap)):
            raise PermissionDenied
        return recap


class SharedPreviewView(PreviewMixin, RecapDetailView):
    """Anyone with a signed link that has not expired sees the recap as readers will."""

    def get(self, request, *args, **kwargs):
        try:
            self.recap_pk = preview.read_token(kwargs["token"])
        except preview.Expired:
            return self.refused("This preview link has expired", status=403)
        except preview.Invalid:
            return self.refused("This preview link is not valid", status=404)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.recap_pk)

    def refused(self, title, status):
        response = render(
            self.request,
            "recaps/preview_refused.html",
            {"title": title, "hours": preview.max_age() // 3600},
            status=status,
        )
        return private(response)


class TagView(CacheTaggedMixin, ReaderListMixin, ListView):
    template_name = "recaps/tag.html"
    context_object_name = "recaps"

    def cache_tags(self, context):
        return {cache_tags.tag(self.tag.pk), cache_tags.RECAPS, *card_tags(context["recaps"])}

    def count_tags(self):
        return [cache_tags.tag(self.tag.pk), cache_tags.RECAPS]

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        # The page's ids first: the tag's recaps are sorted by date wherever they stand in the
        # archive, and sorting keys alone costs a tenth of sorting whole cards (4,000 of them
        # for a common tag at 20,000 recaps). The cards are then read for one page.
        return Recap.objects.published().filter(tags=self.tag).values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        page = context["page_obj"]
        page.object_list = cards_of(list(page.object_list))
        context["recaps"] = context["object_list"] = page.object_list
        return context

    def meta_for(self, context):
        return seo.page_meta(
            self.request,
            f"Recaps tagged “{self.tag.name}”",
            f"Episode recaps and reviews tagged “{self.tag.name}”.",
        )


class ShowHubView(CacheTaggedMixin, DetailView):
    """All of our reviews of a show: facts, cast, the episode guide with recap links."""

    def cache_tags(self, context):
        show = context["show"]
        recaps = [row["recap"]["pk"] for row in context["guide"] if row["recap"]]
        return {
            cache_tags.show(show.pk),
            cache_tags.RECAPS,
            *(cache_tags.show(other.pk) for other in context["later_seasons"]),
            *([cache_tags.show(show.follows_id)] if show.follows_id else []),
            *(cache_tags.person(credit.person_id) for credit in context["cast"]),
            *(
                cache_tags.ratings(row["episode_pk"])
                for row in context["guide"]
                if row["episode_pk"]
            ),
            *(cache_tags.recap(pk) for pk in recaps),
            *(cache_tags.comments(pk) for pk in recaps),
        }

    template_name = "shows/show_detail.html"
    context_object_name = "show"
    queryset = Show.objects.select_related("follows").prefetch_related("platforms", "followed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.object
        credits = credits_for_facts(show)
        context.update(
            facts=show_facts(show, credits),
            cast=credits,
            guide=self.episode_guide(show),
            later_seasons=list(show.followed_by.all()),
            feed_url=reverse("feeds:show_rss", kwargs={"slug": show.slug}),
            calendar_url=reverse("feeds:show_calendar", kwargs={"slug": show.slug}),
            next_release=show.next_release_notice(),
            meta=seo.show_meta(self.request, show),
        )
        return context

    def episode_guide(self, show):
        """One row per episode, planned or created: air date and its recap link. One query."""
        episodes = with_reader_rating(with_published_recap(show.episodes))
        episodes = {episode.number: episode for episode in episodes}
        count = max([show.planned_episode_count or 0, *episodes])
        today = show.local_today()
        rows = []
        for number in range(1, count + 1):
            episode = episodes.get(number)
            if episode is not None:
                episode.show = show
                aired_on = episode.air_date
            else:
                aired_on = show.scheduled_air_date(number)
            rows.append(
                {
                    "number": number,
                    "episode_pk": episode.pk if episode else None,
                    "title": episode.title if episode else "",
                    "air_date": aired_on,
                    "aired": aired_on is not None and aired_on <= today,
                    "recap": recap_link(episode) if episode else None,
                    "reader_rating": rating_of(episode) if episode else None,
                }
            )
        return rows


class PersonView(CacheTaggedMixin, ReaderListMixin, ListView):
    """A person: photo, description, bio, filmography, and the published recaps of their shows
    (paginated)."""

    template_name = "people/person_detail.html"
    context_object_name = "recaps"
    paginate_by = 12

    def get_queryset(self):
        self.person = get_object_or_404(Person, slug=self.kwargs["slug"])
        self.credits = list(
            Credit.objects.filter(person=self.person)
            .select_related("show")
            .order_by("-show__premiere_date", "show__title")
        )
        shows = {credit.show_id for credit in self.credits}
        return recap_cards().filter(of_shows(shows))

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, credits=self.credits, **kwargs)

    def count_tags(self):
        return [cache_tags.person(self.person.pk), cache_tags.RECAPS]

    def cache_tags(self, context):
        return {
            cache_tags.person(self.person.pk),
            cache_tags.RECAPS,
            *(cache_tags.show(credit.show_id) for credit in self.credits),
            *card_tags(context["recaps"]),
        }

    def meta_for(self, context):
        return seo.person_meta(self.request, self.person)
