"""The catalogue as readers see it: shows A–Z and each show's hub."""

from django.template.loader import get_template
from django.urls import reverse
from django.views.generic import DetailView, ListView

from pagecache import tags as cache_tags
from pagecache.fragments import cached_fragment, kept_fragment
from pagecache.views import CacheTaggedMixin
from people.cast import credits_for_facts, show_facts
from ratings.queries import rating_of, with_reader_rating
from reader import seo
from reader.queries import (
    most_read,
    recap_link,
    with_published_recap,
)
from readership import MOST_READ_TAG
from shows.models import Show


class ShowListView(CacheTaggedMixin, ListView):
    """The shows index, A–Z: two queries a page (count and rows) plus the platforms."""

    def cache_tags(self, context):
        return {cache_tags.SHOWS, *(cache_tags.show(show.pk) for show in context["shows"])}

    template_name = "reader/show_list.html"
    paginate_by = 48
    queryset = Show.objects.with_platforms().order_by("title", "pk")
    context_object_name = "shows"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = seo.page_meta(
            self.request,
            "Shows A–Z",
            "Every show we recap, with its episode guide.",
            page=context["page_obj"].number,
        )
        return context


HUB_FRAGMENT = "show-hub"


class ShowHubView(CacheTaggedMixin, DetailView):
    """All of our reviews of a show: facts, cast, the episode guide with recap links.

    What is the same for every reader (the show, its facts and cast, the guide's rows rendered
    as written and as masked) is kept until something it shows changes or the show's day
    turns (a row says whether its episode has aired): a request for a kept hub runs no query,
    and each reader's page picks per row which of the two to show."""

    def cache_tags(self, context):
        return {
            *context["hub"]["cache_tags"],
            MOST_READ_TAG,
            *(cache_tags.recap(link["pk"]) for link in context["most_read"]),
        }

    def hub_tags(self, hub):
        show = hub["show"]
        recaps = [row["recap"]["pk"] for row in hub["guide"] if row["recap"]]
        return {
            cache_tags.show(show.pk),
            cache_tags.RECAPS,
            *(cache_tags.show(other.pk) for other in hub["later_seasons"]),
            *([cache_tags.show(show.follows_id)] if show.follows_id else []),
            *(cache_tags.person(credit.person_id) for credit in hub["cast"]),
            *(cache_tags.ratings(row["episode_pk"]) for row in hub["guide"] if row["episode_pk"]),
            *(cache_tags.recap(pk) for pk in recaps),
            *(cache_tags.comments(pk) for pk in recaps),
        }

    template_name = "reader/show_hub.html"
    context_object_name = "show"
    queryset = Show.objects.select_related("follows").prefetch_related("platforms", "followed_by")

    def get(self, request, *args, **kwargs):
        hub = kept_fragment(HUB_FRAGMENT, [self.kwargs["slug"]])
        if hub is None or hub["today"] != hub["show"].local_today():
            hub = self.read_hub(self.get_object())
        self.object = hub["show"]
        return self.render_to_response(self.get_context_data(object=self.object, hub=hub))

    def read_hub(self, show):
        """`build_hub`, kept until what it shows changes."""
        return cached_fragment(
            HUB_FRAGMENT,
            [cache_tags.show(show.pk)],
            build=lambda: self.build_hub(show),
            key_parts=[show.slug],
            tags_of=lambda hub: hub["cache_tags"],
        )

    def build_hub(self, show):
        credits = credits_for_facts(show)
        hub = {
            "show": show,
            "today": show.local_today(),
            "facts": show_facts(show, credits),
            "cast": credits,
            "guide": self.episode_guide(show),
            "later_seasons": list(show.followed_by.all()),
        }
        hub["cache_tags"] = self.hub_tags(hub)
        return hub

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show, hub = self.object, context["hub"]
        read_most = most_read(show.pk)
        context.update(
            facts=hub["facts"],
            cast=hub["cast"],
            guide=hub["guide"],
            later_seasons=hub["later_seasons"],
            feed_url=reverse("feeds:show_rss", kwargs={"slug": show.slug}),
            calendar_url=reverse("feeds:show_calendar", kwargs={"slug": show.slug}),
            next_release=show.next_release_notice(),
            meta=seo.show_meta(self.request, show),
            most_read=read_most,
            # The side column's boxes, each shown only when it has something to say: without
            # any, no column (the guide and cast take the page's width).
            has_side=bool(
                hub["facts"]["has_sentences"]
                or read_most
                or show.follows_id
                or hub["later_seasons"]
            ),
        )
        return context

    def episode_guide(self, show):
        """One row per episode, planned or created: air date and its recap link, and the row
        rendered as written and as masked. One query."""
        episodes = with_reader_rating(with_published_recap(show.episodes))
        episodes = {episode.number: episode for episode in episodes}
        count = max([show.planned_episode_count or 0, *episodes])
        today = show.local_today()
        row_html = get_template("reader/includes/guide_row.html")
        masked_html = get_template("spoilers/masked_guide_row.html")
        rows = []
        for number in range(1, count + 1):
            episode = episodes.get(number)
            if episode is not None:
                episode.show = show
                aired_on = episode.air_date
            else:
                aired_on = show.scheduled_air_date(number)
            row = {
                "number": number,
                "episode_pk": episode.pk if episode else None,
                "title": episode.title if episode else "",
                "air_date": aired_on,
                "aired": aired_on is not None and aired_on <= today,
                "recap": recap_link(episode) if episode else None,
                "reader_rating": rating_of(episode) if episode else None,
            }
            context = {"row": row, "show": show}
            row.update(html=row_html.render(context), masked=masked_html.render(context))
            rows.append(row)
        return rows
