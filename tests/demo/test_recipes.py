"""demo.recipes: the recap recipes mean what `published()` means, and sequences keep unique
fields unique."""

import pytest

from demo import factories, recipes
from recaps.models import Recap

pytestmark = pytest.mark.django_db


def test_only_the_published_recipe_makes_a_recap_readers_see():
    published = recipes.recap_recipe.make()
    recipes.draft_recipe.make()
    recipes.scheduled_recipe.make()

    assert list(Recap.objects.published()) == [published]
    assert Recap.objects.count() == 3


def test_recipes_draw_unique_slugs():
    shows = recipes.show_recipe.make(_quantity=3)
    recaps = [factories.make_recap(factories.make_episode(show, 1)) for show in shows]

    assert len({show.slug for show in shows}) == 3
    assert len({recap.slug for recap in recaps}) == 3
