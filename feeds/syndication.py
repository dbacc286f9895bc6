"""RSS 2.0 and Atom feeds of published recaps: the site's latest, and one per show."""

import mimetypes

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.text import Truncator

from core.media_faults import attempt
from core.richtext import text_without_spoiler_passages
from recaps.models import Recap, Still
from shows.models import Show

FEED_LENGTH = 30
DESCRIPTION_WORDS = 60
FILE_SIZE_CACHE_SECONDS = 60 * 60 * 24 * 30


def feed_recaps():
    """The latest published recaps with what an item needs: three queries for the whole feed."""
    return (
        Recap.objects.published()
        .with_article_relations()
        .prefetch_related(
            "tags",
            Prefetch("stills", Still.objects.filter(is_hero=True), to_attr="hero_stills"),
        )
    )


def feed_tags(request, slug=None):
    """What a feed shows: its recaps and their shows (one query for their keys)."""
    from pagecache import tags

    recaps = feed_recaps()
    if slug is not None:
        recaps = recaps.filter(episode__show__slug=slug)
    rows = recaps.values_list("pk", "episode__show_id")[:FEED_LENGTH]
    names = {tags.RECAPS}
    for recap, show in rows:
        names.update((tags.recap(recap), tags.show(show)))
    return names


def file_size(field_file):
    """The stored file's size in bytes, remembered in the cache: stored names never change
    their content (uploads get fresh names), and asking S3 for a size is a round trip.
    None when the file is missing or the storage does not answer (the item goes without its
    enclosure; core.media_faults logs it and spares the storage the next requests)."""
    key = f"feeds:file-size:{field_file.storage.__class__.__name__}:{field_file.name}"
    size = cache.get(key)
    if size is None:
        try:
            size = attempt(lambda: field_file.storage.size(field_file.name), field_file.name)
        except (ValueError, NotImplementedError):
            return None
        if size is None:
            return None
        cache.set(key, size, FILE_SIZE_CACHE_SECONDS)
    return size


class LatestRecapsFeed(Feed):
    title = "Episodic: latest recaps and reviews"
    description = "Episode recaps and reviews, newest first."

    def link(self):
        return reverse("recaps:home")

    def items(self):
        return feed_recaps()[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        if item.meta_description:
            return item.meta_description
        text = text_without_spoiler_passages(item.intro or item.body)
        return Truncator(" ".join(text.split())).words(DESCRIPTION_WORDS)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.text_modified_at

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        hero = item.hero_stills[0] if item.hero_stills else None
        if hero is None or not hero.image:
            return []
        size = file_size(hero.image)
        if size is None:
            return []
        mime_type = mimetypes.guess_type(hero.image.name)[0] or "application/octet-stream"
        url = add_domain(self.site.domain, hero.image.url, self.secure)
        return [Enclosure(url, str(size), mime_type)]

    def get_feed(self, obj, request):
        # Links are absolute on the Sites framework's domain, like Django's own; media URLs
        # follow suit unless storage already gives absolute ones (S3, a CDN).
        self.site = get_current_site(request)
        self.secure = request.is_secure()
        return super().get_feed(obj, request)


class LatestRecapsAtomFeed(LatestRecapsFeed):
    feed_type = Atom1Feed
    subtitle = LatestRecapsFeed.description


class ShowRecapsFeed(LatestRecapsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Show, slug=slug)

    def title(self, obj):
        return f"Episodic: {obj.title} recaps and reviews"

    def description(self, obj):
        return f"Every recap and review of {obj.title} on Episodic, newest first."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return feed_recaps().filter(episode__show=obj)[:FEED_LENGTH]


class ShowRecapsAtomFeed(ShowRecapsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
