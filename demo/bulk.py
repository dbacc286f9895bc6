"""Many rows at once, for the large datasets that query budgets, feeds, search and the bench
run on: each recipe's values copied into rows saved with `bulk_create`, and the datasets built
that way. Development only, like demo/factories.py."""

from datetime import date, timedelta

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from demo.factories import make_recap, make_show, make_user
from demo.images import image_bytes, stored_image
from demo.recipes import (
    credit_recipe,
    episode_recipe,
    person_recipe,
    platform_recipe,
    recap_recipe,
    show_recipe,
    still_recipe,
    tag_recipe,
    tagging_recipe,
)
from people.models import Credit
from recaps.models import Recap, Still
from search.documents import refresh
from shows.models import Show

BATCH = 2000


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
