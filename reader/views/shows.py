"""The catalogue as readers see it: shows A–Z and each show's hub."""

from django.urls import reverse
from django.views.generic import DetailView, ListView

from pagecache import tags as cache_tags
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
            MOST_READ_TAG,
            *(cache_tags.recap(link["pk"]) for link in context["most_read"]),
        }

    template_name = "reader/show_hub.html"
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
            most_read=most_read(show.pk),
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
