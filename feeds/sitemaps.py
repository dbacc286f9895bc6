"""sitemap.xml sections, all fed by the same querysets as the reader's pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from people.models import Person
from recaps.models import Recap, text_modified
from shows.models import Show


class RecapSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Recap.objects.published()
            .only("slug")
            .annotate(lastmod=text_modified())
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, recap):
        return recap.lastmod


class ShowSitemap(Sitemap):
    """A hub changes when the show does and when one of its recaps is published or its text
    edited."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        latest_recap = (
            Recap.objects.published()
            .filter(episode__show=OuterRef("pk"))
            .annotate(lastmod=text_modified())
            .order_by("-lastmod")
            .values("lastmod")[:1]
        )
        return (
            Show.objects.only("slug", "updated_at")
            .annotate(latest_recap_at=Subquery(latest_recap))
            .order_by("title", "pk")
        )

    def lastmod(self, show):
        return max(filter(None, [show.updated_at, show.latest_recap_at]))


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("name", "pk")

    def lastmod(self, person):
        return person.updated_at


class StaticSitemap(Sitemap):
    """Home (latest recaps) and the shows index: as fresh as what they list."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["recaps:home", "shows:list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "_lastmods"):
            recaps = Recap.objects.published().aggregate(latest=Max(text_modified()))["latest"]
            shows = Show.objects.aggregate(latest=Max("updated_at"))["latest"]
            self._lastmods = {
                "recaps:home": recaps,
                "shows:list": max(filter(None, [shows, recaps]), default=None),
            }
        return self._lastmods[name]


SITEMAPS = {
    "pages": StaticSitemap,
    "recaps": RecapSitemap,
    "shows": ShowSitemap,
    "people": PersonSitemap,
}
