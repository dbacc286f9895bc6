"""The lists of recaps readers browse: home, a tag, a person's shows."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from pagecache import tags as cache_tags
from pagecache.fragments import cached_fragment, kept_fragment
from pagecache.views import CacheTaggedMixin
from people.models import Credit, Person
from reader import seo
from reader.cards import kept_cards, tags_of_cards
from reader.queries import cards_of, most_read, of_shows, recap_cards
from readership import MOST_READ_TAG
from recaps.models import Recap
from recaps.visibility import visible_tags
from shows.models import Show
from sitesettings.models import SiteSettings

AIRING_NOW_LIMIT = 8


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

    # How the cards are written: their heading level, and whether the first card's image leads
    # the page (loaded at once) or sits below other content.
    card_heading = "h2"
    first_card_leads = True

    def read_recaps(self, object_list):
        """The page's recaps as cards need them (`object_list` is the paginated page)."""
        return list(object_list)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["cards"] = kept_cards(
            lambda: self.read_recaps(page.object_list),
            list_key=(type(self).__name__, self.request.path, page.number),
            count_tags=self.count_tags(),
            heading_tag=self.card_heading,
            eager_first=self.first_card_leads,
        )
        context["meta"] = self.meta_for(context)
        return context


class HomeView(CacheTaggedMixin, ReaderListMixin, ListView):
    template_name = "reader/home.html"
    card_heading = "h3"

    def cache_tags(self, context):
        airing = {cache_tags.show(item["show"].pk) for item in context["airing_now"]}
        most_read = {cache_tags.recap(link["pk"]) for link in context["most_read"]}
        return {
            "home",
            cache_tags.RECAPS,
            cache_tags.SHOWS,
            MOST_READ_TAG,
            *airing,
            *most_read,
            *tags_of_cards(context["cards"]),
        }

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
        context["most_read"] = most_read()
        return context

    def meta_for(self, context):
        settings = SiteSettings.load()
        return seo.page_meta(
            self.request,
            f"{settings.site_name}: latest episode recaps and reviews",
            settings.tagline,
            page=context["page_obj"].number,
        )


class TagView(CacheTaggedMixin, ReaderListMixin, ListView):
    template_name = "reader/tag.html"

    def cache_tags(self, context):
        return {cache_tags.tag(self.tag.pk), cache_tags.RECAPS, *tags_of_cards(context["cards"])}

    def count_tags(self):
        return [cache_tags.tag(self.tag.pk), cache_tags.RECAPS]

    def get_queryset(self):
        # A tag only drafts or scheduled recaps carry is not shown yet, not even empty.
        self.tag = get_object_or_404(visible_tags(), slug=self.kwargs["slug"])
        # The page's ids first: the tag's recaps are sorted by date wherever they stand in the
        # archive, and sorting keys alone costs a tenth of sorting whole cards (4,000 of them
        # for a common tag at 20,000 recaps). The cards are then read for one page.
        return Recap.objects.published().filter(tags=self.tag).values_list("pk", flat=True)

    def read_recaps(self, object_list):
        return cards_of(list(object_list))

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)

    def meta_for(self, context):
        return seo.page_meta(
            self.request,
            f"Recaps tagged “{self.tag.name}”",
            f"Episode recaps and reviews tagged “{self.tag.name}”.",
            page=context["page_obj"].number,
        )


PERSON_FRAGMENT = "person"


class PersonView(CacheTaggedMixin, ReaderListMixin, ListView):
    """A person: photo, description, bio, filmography, and the published recaps of their shows
    (paginated).

    What is the same for every reader (the person and their filmography) is kept until the
    person, one of their credits or one of those shows changes, as the cards are: a request
    for a kept page runs no query, whatever the number of credits or recaps."""

    template_name = "reader/person.html"
    paginate_by = 12
    card_heading = "h3"
    first_card_leads = False

    def get_queryset(self):
        kept = kept_fragment(PERSON_FRAGMENT, [self.kwargs["slug"]])
        if kept is None:
            kept = self.read_person(get_object_or_404(Person, slug=self.kwargs["slug"]))
        self.person, self.filmography = kept["person"], kept["filmography"]
        shows = {row["show_id"] for row in self.filmography}
        # The page's ids, as the tag page reads them: the cards are kept, and read for one
        # page only when they are not.
        return Recap.objects.published().filter(of_shows(shows)).values_list("pk", flat=True)

    def read_person(self, person):
        """The person and their filmography, kept until what they show changes."""
        return cached_fragment(
            PERSON_FRAGMENT,
            [cache_tags.person(person.pk)],
            build=lambda: {"person": person, "filmography": filmography(person)},
            key_parts=[person.slug],
            tags_of=lambda kept: [cache_tags.show(row["show_id"]) for row in kept["filmography"]],
        )

    def read_recaps(self, object_list):
        return cards_of(list(object_list))

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, filmography=self.filmography, **kwargs)

    def count_tags(self):
        return [cache_tags.person(self.person.pk), cache_tags.RECAPS]

    def cache_tags(self, context):
        return {
            cache_tags.person(self.person.pk),
            cache_tags.RECAPS,
            *(cache_tags.show(row["show_id"]) for row in self.filmography),
            *tags_of_cards(context["cards"]),
        }

    def meta_for(self, context):
        return seo.person_meta(self.request, self.person, page=context["page_obj"].number)


def filmography(person):
    """The person's credits, newest show first, as plain values (what a kept page needs and
    no more). One query."""
    credits = (
        Credit.objects.filter(person=person)
        .select_related("show")
        .order_by("-show__premiere_date", "show__title")
    )
    return [
        {
            "show_id": credit.show_id,
            "year": credit.show.premiere_date.year if credit.show.premiere_date else None,
            "url": credit.show.get_absolute_url(),
            "title": credit.show.title,
            "character_name": credit.character_name,
            "role": credit.get_role_display(),
        }
        for credit in credits
    ]
