"""Rows one at a time, for tests: a user, a show, its episodes and recaps (published, draft,
scheduled), stills with real images, people and their credits, made from the recipes
(demo/recipes.py). Many rows at once, for the large datasets, are in demo/bulk.py. Development
only: model-bakery is a dev dependency and nothing `make run` loads imports this module."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.images import image_bytes, upload
from demo.recipes import (
    credit_recipe,
    draft_recipe,
    episode_recipe,
    in_two_days,
    person_recipe,
    recap_recipe,
    show_recipe,
    still_recipe,
)
from people.models import Credit
from recaps.models import Recap, Still
from shows.models import Episode


def make_user(username="writer", **fields):
    user, _ = get_user_model().objects.get_or_create(username=username, defaults=fields)
    return user


def make_show(**fields):
    return show_recipe.make(**fields)


def make_episode(show, number, **fields):
    """The show's episode `number`, made the first time it is asked for."""
    episode, _ = Episode.objects.get_or_create(show=show, number=number, defaults=fields)
    return episode


def episode(show, number):
    return episode_recipe.make(show=show, number=number)


def make_recap(episode, published=True, when=None, **fields):
    """A published recap (an hour ago unless `when`), or a draft with `published=False`."""
    fields.setdefault("author", make_user())
    if not published:
        return draft_recipe.make(episode=episode, **fields)
    if when is not None:
        fields["published_at"] = when
    return recap_recipe.make(episode=episode, **fields)


def recap(show, number, author, *, status=Recap.Status.PUBLISHED, published_at=None, **fields):
    """A recap of `show` episode `number`; published an hour ago unless told otherwise."""
    if published_at is None and status == Recap.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(hours=1, minutes=number)
    fields.setdefault("subtitle", f"Episode {number} subtitle")
    fields.setdefault("slug", f"{show.slug}-episode-{number}")
    fields.setdefault("intro", f"<p>Intro of episode {number}.</p>")
    fields.setdefault("body", f"<p>What happened in episode {number}.</p>")
    fields.setdefault("review", f"<p>Our opinion of episode {number}.</p>")
    return recap_recipe.make(
        episode=episode(show, number),
        author=author,
        status=status,
        published_at=published_at,
        **fields,
    )


def draft(show, number, author, **fields):
    return recap(show, number, author, status=Recap.Status.DRAFT, **fields)


def scheduled(show, number, author, **fields):
    return recap(show, number, author, published_at=in_two_days(), **fields)


def make_still(recap, section=Still.Section.RECAP, is_hero=False, **fields):
    """A still with a real (small) image, so its renditions are generated on save."""
    fields.setdefault("caption", f"Still From {recap.episode}")
    still = still_recipe.prepare(recap=recap, section=section, is_hero=is_hero, **fields)
    jpeg = image_bytes("JPEG", 1240, 698, (30, 60, 200), quality=85)
    still.image.save("still.jpg", upload("still.jpg", jpeg))
    return still


def hero_still(recap, name="hero.png"):
    return still_recipe.make(
        recap=recap,
        image=upload(name),
        alt_text="Su-ho and Eun-su at the piano",
        caption=f"Still From {recap.episode}",
        is_hero=True,
    )


def make_person(name, **fields):
    slug = fields.pop("slug", name.lower().replace(" ", "-"))
    return person_recipe.make(name=name, slug=slug, **fields)


def credit(person, show, character="", role=Credit.Role.SUPPORTING, order=0):
    return credit_recipe.make(
        person=person, show=show, character_name=character, role=role, billing_order=order
    )
