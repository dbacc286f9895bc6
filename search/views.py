from django.views.generic import ListView

from pagecache import policy, tags
from pagecache.views import CacheTaggedMixin, card_tags

from . import query as search


class SearchView(CacheTaggedMixin, ListView):
    """/search/?q=: published recaps (paginated, best first, at most search.MAX_RESULTS),
    plus matching shows and people on the first page. A fixed number of queries whatever the
    size of the catalogue: the ids of the hits, then one page of recaps with their excerpts."""

    template_name = "search/results.html"
    context_object_name = "recaps"
    paginate_by = 20
    related_limit = 12
    cache_kind = policy.SEARCH

    def cache_tags(self, context):
        return {
            tags.RECAPS,
            tags.SHOWS,
            *card_tags(context.get("recaps") or []),
            *(tags.show(show.pk) for show in context.get("shows", [])),
            *(tags.person(person.pk) for person in context.get("people", [])),
        }

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
        ids, self.more_recaps = search.recap_hits(self.query)
        return ids

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
        page.object_list = search.recap_page(list(page.object_list), self.query)
        context["recaps"] = context["object_list"] = page.object_list
        if page.number == 1:
            shows = search.shows(self.query, self.related_limit)
            people = search.people(self.query, self.related_limit)
            context.update(
                shows=shows[: self.related_limit],
                more_shows=len(shows) > self.related_limit,
                people=people[: self.related_limit],
                more_people=len(people) > self.related_limit,
            )
        return context
