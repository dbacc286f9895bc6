"""The recap page, and previews of a recap in its layout for staff and signed links."""

from django.core.exceptions import PermissionDenied
from django.db.models import (
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.generic import DetailView

from discussion.comments_area import comment_count, recap_discussion
from embeds.rendering import embeds_for
from pagecache import tags as cache_tags
from pagecache.tags import cached_fragment, kept_fragment
from pagecache.views import CacheTaggedMixin
from people.cast import fact_credits, show_facts
from ratings import rated_cookie
from reader import seo
from reader.queries import (
    LINK_FIELDS,
    around_episode,
    link_from_row,
    tags_of,
)
from recaps import preview, workflow
from recaps.models import Recap, RecapSlugRedirect, Still
from recaps.sections import build_sections
from shows.models import Episode, Show
from sitesettings.models import SiteSettings
from spoilers import views as spoiler_views

ALSO_READ_LIMIT = 6
ARTICLE_FRAGMENT = "recap-article"


class RecapDetailView(CacheTaggedMixin, DetailView):
    """A published recap. A reader whose spoiler mark is an earlier episode gets the spoiler
    warning instead, unless they ask to see it anyway.

    The most-read page of the site. What is the same for every reader (the article rendered,
    its neighbours, Also Read, tags and rating) is built once and kept until something it
    shows changes (`read_article`); a request for a kept article runs no query and renders
    only what a reader's cookies change. Building it runs plain queries of values (see
    `tests/reader/test_query_budgets.py` for what each query is)."""

    template_name = "reader/recap_detail.html"
    context_object_name = "recap"

    def cache_tags(self, context):
        return context["article"]["cache_tags"]

    def rated_episodes(self, context):
        return [context["recap"].episode_id]

    def cache_query(self, context):
        """The page of comments shown, and whether the reader asked to see it anyway."""
        return [
            ("comments", context["discussion"]["page"].number),
            ("spoilers", spoiler_views.SHOW_ANYWAY if self.shows_anyway() else None),
        ]

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

    def shows_anyway(self):
        return self.request.GET.get("spoilers") == spoiler_views.SHOW_ANYWAY

    def spoiler_warning(self):
        if self.shows_anyway():
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
            "embeds": embeds_for(*(getattr(recap, field) for field in Recap.READING_FIELDS)),
            "facts": facts,
            "comment_count": comment_count(recap),
            "meta": seo.recap_meta(self.request, recap, hero, site_settings.site_name),
            "site_settings": site_settings,
        }
        linked_shows = {link["show_id"] for link in also_read if link["show_id"]}
        return {
            "recap": recap,
            "head": render_to_string("reader/includes/recap_head.html", parts),
            "header": render_to_string("reader/includes/recap_header.html", parts),
            "body": render_to_string("reader/includes/recap_body.html", parts),
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


class PreviewMixin:
    """A recap in the public layout whatever its state, never cached and never indexed."""

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
    """Anyone with a signed link that has not expired or been revoked sees the recap as readers
    will, until it goes live: the link then leads to the recap itself."""

    def get(self, request, *args, **kwargs):
        try:
            recap_pk, key = preview.read_token(kwargs["token"])
        except preview.Expired:
            return self.refused("This preview link has expired", status=403)
        except preview.Invalid:
            return self.refused("This preview link is not valid", status=404)
        self.shared = get_object_or_404(self.get_queryset(), pk=recap_pk)
        if self.shared.share_key != key:
            return self.refused("This preview link was revoked", status=410)
        if self.shared.is_published:
            return private(redirect(self.shared))
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.shared

    def refused(self, title, status):
        response = render(
            self.request,
            "reader/preview_refused.html",
            {"title": title, "hours": preview.max_age() // 3600},
            status=status,
        )
        return private(response)
