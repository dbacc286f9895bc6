"""Rows for tests and for the bench: model-bakery recipes for the catalogue and its articles, the
helpers tests call, and bulk builders for the large datasets that query budgets and the bench
run on. Development only: model-bakery is a dev dependency and nothing `make run` loads imports
this module."""

import io
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from model_bakery.recipe import Recipe, foreign_key, seq
from PIL import Image
from taggit.models import Tag

from people.models import Credit, Person
from recaps.models import Recap, Still, TaggedRecap
from search.documents import refresh
from shows.models import Episode, Platform, Show

BATCH = 2000


def _an_hour_ago():
    return timezone.now() - timedelta(hours=1)


def _in_two_days():
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
scheduled_recipe = recap_recipe.extend(slug=seq("scheduled-"), published_at=_in_two_days)
still_recipe = Recipe(
    Still,
    recap=foreign_key(recap_recipe),
    alt_text="Two people at a piano",
    section=Still.Section.RECAP,
)
tag_recipe = Recipe(Tag, name=seq("Topic "), slug=seq("topic-"))
tagging_recipe = Recipe(TaggedRecap)


# Images


def image_bytes(kind="PNG", width=64, height=36, color=(200, 40, 90), **options):
    """A plain image of `kind` (a Pillow format name), drawn in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format=kind, **options)
    return buffer.getvalue()


def upload(name="still.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content if content is not None else image_bytes(), content_type)


def stored_image(name, content):
    """`name` in the default storage, written once: bulk stills all point at it, so a large
    dataset costs one file on disk."""
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(content))
    return name


# One row at a time, for tests


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
    return recap(show, number, author, published_at=_in_two_days(), **fields)


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


# Many rows at once, for the large datasets


def bulk_make(recipe, rows, batch_size=BATCH):
    """Saves one row of `recipe` per dict of fields in `rows`, in batches, and returns them.

    The recipe is prepared once and its values copied into each row: preparing every row
    through model-bakery costs about four times a model's constructor, which would add seconds
    to the bench. So relations, and fields the recipe draws from a sequence, come from `rows`.
    """
    template = recipe.prepare()
    model = type(template)
    defaults = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        value = getattr(template, field.attname)
        defaults[field.attname] = value.name if isinstance(value, FieldFile) else value
    # A list or dict default is copied for each row, so no two rows share one.
    mutable = [name for name, value in defaults.items() if isinstance(value, list | dict)]
    if mutable:
        rows = ({**{name: defaults[name].copy() for name in mutable}, **row} for row in rows)
    return model.objects.bulk_create(
        (model(**(defaults | row)) for row in rows), batch_size=batch_size
    )


def bulk_shows(rows, platform=None):
    shows = bulk_make(show_recipe, rows)
    if platform is not None:
        through = Show.platforms.through
        through.objects.bulk_create(through(show=show, platform=platform) for show in shows)
    return shows


def bulk_episodes(shows, per_show):
    """Episodes 1 to `per_show` of each show, in show order."""
    return bulk_make(
        episode_recipe,
        ({"show": show, "number": number} for show in shows for number in range(1, per_show + 1)),
    )


def bulk_casts(shows, per_show, person):
    """`per_show` credits on each show, billed in order, the first two the leads;
    `person(s, k)` plays character `k` of the `s`th show."""
    return bulk_make(
        credit_recipe,
        (
            {
                "person": person(s, k),
                "show": show,
                "character_name": f"Character {k}",
                "role": Credit.Role.LEAD if k < 2 else Credit.Role.SUPPORTING,
                "billing_order": k,
            }
            for s, show in enumerate(shows)
            for k in range(per_show)
        ),
    )


def bulk_stills(recaps, per_recap, image, size, row):
    """`per_recap` stills of each recap, all showing the stored `image` of `size` (width,
    height), the first the hero; `row(recap, k)` gives the rest of still `k`'s fields. Without
    the size each new still would open the image to measure it."""
    width, height = size
    return bulk_make(
        still_recipe,
        (
            {
                "recap": recap,
                "image": image,
                "width": width,
                "height": height,
                "order": k,
                "is_hero": k == 0,
                **row(recap, k),
            }
            for recap in recaps
            for k in range(per_recap)
        ),
    )


def bulk_tags(recaps, tags, per_recap):
    """Tags each recap with `per_recap` of `tags`, the recap after starting one tag later."""
    return bulk_make(
        tagging_recipe,
        (
            {"content_object": recap, "tag": tags[(i + k) % len(tags)]}
            for i, recap in enumerate(recaps)
            for k in range(per_recap)
        ),
    )


def build_large_dataset(shows=5, episodes=40, stills=10, tags=12, tags_per_recap=10, cast=30):
    """≥200 published recaps (shows × episodes), `stills` stills and `tags_per_recap` tags
    each, `cast` credits per show over a shared pool of people, plus a draft and a
    future-scheduled recap. Bulk inserts: stills share one image name (no files)."""
    platform = platform_recipe.make(name="Streamer", slug="streamer")
    author = make_user("bulk-writer", first_name="Bulk", last_name="Writer")
    people = bulk_make(
        person_recipe,
        (
            {"name": f"Performer {i}", "slug": f"performer-{i}", "description": "Actor"}
            for i in range(cast + shows * 2)
        ),
    )
    show_rows = bulk_shows(
        (
            {
                "title": f"Big Show {s}",
                "slug": f"big-show-{s}",
                "premiere_date": date(2022, 1, 5) + timedelta(days=300 * s),
                "planned_episode_count": episodes,
            }
            for s in range(shows)
        ),
        platform,
    )
    bulk_casts(show_rows, cast, lambda s, i: people[s * 2 + i])
    episode_rows = bulk_episodes(show_rows, episodes)
    now = timezone.now()
    recaps = bulk_make(
        recap_recipe,
        (
            {
                "episode": episode,
                "subtitle": f"Bulk {i}",
                "slug": f"bulk-{i}",
                "author": author,
                "intro": "<p>Previously.</p>",
                "body": "<p>One.</p><p>Two.</p><p>Three.</p>",
                "bonus_track": "<p>After the credits.</p>",
                "review": "<p>Opinion.</p>",
                "verdict": "Worth it.",
                "rating": 7,
                "published_at": now - timedelta(hours=i + 1),
            }
            for i, episode in enumerate(episode_rows)
        ),
    )
    sections = [Still.Section.RECAP, Still.Section.BONUS_TRACK, Still.Section.REVIEW]
    bulk_stills(
        recaps,
        stills,
        "stills/shared.jpg",
        (1600, 900),
        lambda recap, k: {
            "alt_text": f"Scene {k}",
            "caption": f"Still {k}",
            "credit": "Streamer",
            "section": sections[k % 3],
        },
    )
    tag_rows = bulk_make(
        tag_recipe, ({"name": f"Topic {t}", "slug": f"topic-{t}"} for t in range(tags))
    )
    bulk_tags(recaps, tag_rows, tags_per_recap)
    for item in recaps[:5]:
        item.also_read.add(*recaps[5:15])
    draft = make_recap(episode_rows[1], published=False, slug="bulk-draft")
    future = make_recap(episode_rows[2], when=now + timedelta(days=2), slug="bulk-future")
    return {
        "shows": show_rows,
        "show": show_rows[0],
        "recaps": recaps,
        "recap": recaps[1],
        "people": people,
        "tag": tag_rows[0],
        "draft": draft,
        "future": future,
    }


def many_recaps(count, author, *, shows=10, stills=10, tags=10):
    """`count` published recaps over `shows` shows, each with `stills` stills (one the hero)
    and `tags` tags, written in bulk so a large dataset stays quick to build."""
    # Shows with no schedule: nothing in these tests hangs on air dates.
    show_objects = [
        make_show(
            title=f"Bulk Show {index}",
            slug=f"bulk-show-{index}",
            premiere_date=None,
            planned_episode_count=None,
            release_weekdays=[],
        )
        for index in range(shows)
    ]
    episodes = bulk_episodes(show_objects, -(-count // shows))[:count]
    now = timezone.now()
    recaps = bulk_make(
        recap_recipe,
        (
            {
                "episode": item,
                "author": author,
                "subtitle": f"Bulk subtitle {index} about the piano",
                "slug": f"bulk-recap-{index}",
                "intro": f"<p>Bulk intro {index} about the piano.</p>",
                "body": f"<p>Bulk body {index}: Su-ho plays the piano again.</p>",
                "review": "",
                "published_at": now - timedelta(minutes=index + 1),
                "meta_description": f"Bulk recap {index}.",
            }
            for index, item in enumerate(episodes)
        ),
    )
    image = stored_image("stills/bulk.png", image_bytes())
    bulk_stills(
        recaps,
        stills,
        image,
        (64, 36),
        lambda recap, k: {"alt_text": f"Still {k}"},
    )
    tag_names = [f"tag-{index}" for index in range(tags)]
    for item in recaps:
        item.tags.add(*tag_names)
    # bulk_create skips the save signal that keeps search documents current.
    refresh(Recap.objects.filter(pk__in=[item.pk for item in recaps]))
    return recaps
