"""demo.bulk: the bulk builders save what the recipes and rows say, and the bench's dataset
(`manage.py bench_data`, built with them) has what a recap page shows."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo import bulk, factories, recipes
from people.models import Credit
from recaps.models import Recap, Still
from shows.models import Show

pytestmark = pytest.mark.django_db


def test_bulk_make_saves_the_recipe_values_under_each_row():
    shows = bulk.bulk_make(
        recipes.show_recipe,
        ({"title": f"Bulk {n}", "slug": f"bulk-{n}"} for n in range(3)),
    )

    saved = list(Show.objects.order_by("slug").values("title", "planned_episode_count"))
    assert saved == [{"title": f"Bulk {n}", "planned_episode_count": 8} for n in range(3)]
    # Each row has a list of its own, not one the recipe hands to every row.
    shows[0].release_weekdays.append(4)
    assert shows[1].release_weekdays == [2]


def test_bulk_casts_bill_the_first_two_as_leads():
    show = factories.make_show()
    people = [factories.make_person(f"Actor {n}") for n in range(3)]

    bulk.bulk_casts([show], 3, lambda s, k: people[k])

    credits = list(show.credits.order_by("billing_order").values_list("person__name", "role"))
    assert credits == [
        ("Actor 0", Credit.Role.LEAD),
        ("Actor 1", Credit.Role.LEAD),
        ("Actor 2", Credit.Role.SUPPORTING),
    ]


def test_bulk_stills_make_the_first_still_of_each_recap_the_hero():
    recaps = [factories.make_recap(factories.make_episode(factories.make_show(), 1))]
    bulk.bulk_stills(recaps, 3, "stills/shared.jpg", (1600, 900), lambda recap, k: {})

    heroes = Still.objects.filter(is_hero=True).values_list("recap", "order")
    assert list(heroes) == [(recaps[0].pk, 0)]
    assert Still.objects.filter(image="stills/shared.jpg").count() == 3


def test_the_bench_dataset_has_a_cast_stills_and_tags_per_recap(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("bench_data", recaps=16, stdout=StringIO())

    recap = Recap.objects.published().first()
    assert recap.stills.count() == 10
    assert recap.tags.count() == 10
    assert recap.episode.show.credits.count() == 30
    assert recap.episode.show.platforms.get().slug == "benchflix"
