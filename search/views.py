from django.template.loader import get_template
from django.views.generic import ListView

from core.ratelimit import over_limit
from pagecache import conf, policy
from pagecache import tags as cache_tags
from pagecache.decision import SEARCH
from pagecache.fragments import cached_fragment, kept_fragment
from pagecache.views import CacheTaggedMixin, card_tags

from . import query as search


def kept_search(name, key_parts, build, found):
    """`build()`, kept as long as the page cache keeps a search page and under the same budget
    of searches a minute: any text can be searched for, so what is kept must stay bounded. A
    search that found nothing (`found(value)` false) is not kept, as its page is not.

    What a search shows changes with any publication or show (`RECAPS`, `SHOWS`) and with what
    the value itself names (its "tags")."""
    value = kept_fragment(name, key_parts)
    if value is not None:
        return value
    value = build()
    if not found(value) or over_limit("search-fragments", "site", conf.search_pages_per_minute()):
        return value
    return cached_fragment(
        name,
        [cache_tags.RECAPS, cache_tags.SHOWS],
        build=lambda: value,
        key_parts=key_parts,
        timeout=policy.kept_seconds(SEARCH),
        tags_of=lambda kept: kept.get("tags", ()),
    )


def render_results(recaps):
    """Each recap found as {"pk", "slug", "show_id", "number", "html", "masked"}: what every
    reader sees, and what a reader whose spoiler mark hides the episode sees instead."""
    result, masked = (
        get_template("search/result.html"),
        get_template("spoilers/masked_search_result.html"),
    )
    return [
        {
            "pk": recap.pk,
            "slug": recap.slug,
            "show_id": recap.episode.show_id,
            "number": recap.episode.number,
            "html": result.render({"recap": recap}),
            "masked": masked.render({"recap": recap}),
        }
        for recap in recaps
    ]


class SearchView(CacheTaggedMixin, ListView):
    """/search/?q=: published recaps (paginated, best first, at most search.MAX_RESULTS),
    plus matching shows and people on the first page. A fixed number of queries whatever the
    size of the catalogue: the ids of the hits, then one page of recaps with their excerpts.
    Both are kept a while for a search asked again (`kept_search`): its page then runs no
    query."""

    template_name = "search/results.html"
    context_object_name = "recaps"
    paginate_by = 20
    related_limit = 12
    cache_kind = SEARCH

    def cache_tags(self, context):
        return {cache_tags.RECAPS, cache_tags.SHOWS, *context.get("found", {}).get("tags", ())}

    def cache_query(self, context):
        """The normalised query and the page. A search that found nothing is not kept: any
        text can be searched for, and the stored pages' budget (see `pagecache.middleware`)
        is for searches that lead somewhere."""
        if not self.query:
            return []
        if not (context["recaps"] or context.get("shows") or context.get("people")):
            return None
        return [("q", self.query), ("page", context["page_obj"].number)]

    def get(self, request, *args, **kwargs):
        try:
            self.query = search.normalise(request.GET.get("q", ""))
        except search.QueryTooLong as error:
            self.query = ""
            self.object_list = self.get_queryset()
            context = self.get_context_data(error=str(error))
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.more_recaps = False
        if not self.query:
            return []
        hits = kept_search(
            "search-hits",
            [self.query],
            build=lambda: dict(zip(("ids", "more"), search.recap_hits(self.query), strict=True)),
            found=lambda hits: hits["ids"],
        )
        self.more_recaps = hits["more"]
        return hits["ids"]

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.query else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["raw_query"] = self.request.GET.get("q", "")[: search.MAX_QUERY_LENGTH]
        context["more_recaps"] = self.more_recaps
        if not self.query:
            return context
        page = context["page_obj"]
        found = kept_search(
            "search-page",
            [self.query, page.number],
            build=lambda: self.find(list(page.object_list), first_page=page.number == 1),
            found=lambda found: found["recaps"] or found.get("shows") or found.get("people"),
        )
        page.object_list = found["recaps"]
        context.update(found, found=found, object_list=found["recaps"])
        return context

    def find(self, ids, first_page):
        """One page of results: the recaps `ids` rendered, and on the first page the shows and
        people that match; with the tags of what they show."""
        recaps = search.recap_page(ids, self.query)
        found = {"recaps": render_results(recaps)}
        names = card_tags(recaps)
        if first_page:
            shows = search.shows(self.query, self.related_limit)
            people = search.people(self.query, self.related_limit)
            found.update(
                shows=shows[: self.related_limit],
                more_shows=len(shows) > self.related_limit,
                people=people[: self.related_limit],
                more_people=len(people) > self.related_limit,
            )
            names.update(cache_tags.show(show.pk) for show in found["shows"])
            names.update(cache_tags.person(person.pk) for person in found["people"])
        found["tags"] = sorted(names)
        return found
