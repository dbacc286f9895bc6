"""model-bakery recipes for the catalogue and its articles: what a made row holds unless the
caller says otherwise. The published recipe means what `Recap.objects.published()` means; a
draft and a scheduled recap have recipes (and slug sequences) of their own. Development only,
like model-bakery."""

from datetime import date, timedelta

from django.utils import timezone
from model_bakery.recipe import Recipe, foreign_key, seq
from taggit.models import Tag

from people.models import Credit, Person
from recaps.models import Recap, Still, TaggedRecap
from shows.models import Episode, Platform, Show


def _an_hour_ago():
    return timezone.now() - timedelta(hours=1)


def in_two_days():
    return timezone.now() + timedelta(days=2)


platform_recipe = Recipe(Platform, name=seq("Platform "), slug=seq("platform-"))
show_recipe = Recipe(
    Show,
    title=seq("Show "),
    slug=seq("show-"),
    premiere_date=date(2023, 1, 4),
    planned_episode_count=8,
    release_weekdays=[2],
)
episode_recipe = Recipe(Episode, show=foreign_key(show_recipe), number=seq(0))
person_recipe = Recipe(Person, name=seq("Person "), slug=seq("person-"))
credit_recipe = Recipe(
    Credit,
    person=foreign_key(person_recipe),
    show=foreign_key(show_recipe),
    role=Credit.Role.SUPPORTING,
)
recap_recipe = Recipe(
    Recap,
    episode=foreign_key(episode_recipe),
    subtitle=seq("Subtitle "),
    slug=seq("recap-"),
    intro="<p>Previously on the show.</p>",
    body="<p>What happened.</p><p>Then more happened.</p>",
    review="<p>What we thought.</p>",
    status=Recap.Status.PUBLISHED,
    published_at=_an_hour_ago,
)
# Each state draws slugs of its own: recipes that shared one sequence would interleave it.
draft_recipe = recap_recipe.extend(slug=seq("draft-"), status=Recap.Status.DRAFT, published_at=None)
scheduled_recipe = recap_recipe.extend(slug=seq("scheduled-"), published_at=in_two_days)
still_recipe = Recipe(
    Still,
    recap=foreign_key(recap_recipe),
    alt_text="Two people at a piano",
    section=Still.Section.RECAP,
)
tag_recipe = Recipe(Tag, name=seq("Topic "), slug=seq("topic-"))
tagging_recipe = Recipe(TaggedRecap)
