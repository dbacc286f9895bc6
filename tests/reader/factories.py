"""Factories for reader-page tests: explicit functions over model_bakery, and one builder for
the large dataset the query budgets run on."""

import itertools
from datetime import date, timedelta

from django.utils import timezone
from model_bakery import baker
from taggit.models import Tag

from people.models import Credit, Person
from recaps.models import Recap, Still, TaggedRecap
from shows.models import Episode, Platform, Show
from tests import images

_counter = itertools.count(1)


def make_show(**fields):
    n = next(_counter)
    fields.setdefault("title", f"Show {n}")
    fields.setdefault("slug", f"show-{n}")
    fields.setdefault("premiere_date", date(2023, 1, 4))
    fields.setdefault("planned_episode_count", 8)
    fields.setdefault("release_weekdays", [2])
    return baker.make(Show, **fields)


def make_episode(show, number, **fields):
    episode, _ = Episode.objects.get_or_create(show=show, number=number, defaults=fields)
    return episode


def make_user(username="writer", **fields):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username, defaults=fields)
    return user


def make_recap(episode, published=True, when=None, **fields):
    """A published recap (an hour ago unless `when`), or a draft with `published=False`."""
    n = next(_counter)
    fields.setdefault("subtitle", f"Subtitle {n}")
    fields.setdefault("slug", f"recap-{n}")
    fields.setdefault("author", make_user())
    fields.setdefault("intro", "<p>Previously on the show.</p>")
    fields.setdefault("body", "<p>What happened.</p><p>Then more happened.</p>")
    fields.setdefault("review", "<p>What we thought.</p>")
    if published:
        fields["status"] = Recap.Status.PUBLISHED
        fields["published_at"] = when or timezone.now() - timedelta(hours=1)
    else:
        fields["status"] = Recap.Status.DRAFT
    return Recap.objects.create(episode=episode, **fields)


def make_still(recap, section=Still.Section.RECAP, is_hero=False, **fields):
    """A still with a real (small) image, so its renditions are generated on save."""
    fields.setdefault("alt_text", "Two people at a piano")
    fields.setdefault("caption", f"Still From {recap.episode}")
    still = Still(recap=recap, section=section, is_hero=is_hero, **fields)
    still.image.save("still.jpg", images.upload("still.jpg", images.jpeg_bytes(1240, 698)))
    return still


def make_person(name, **fields):
    slug = fields.pop("slug", name.lower().replace(" ", "-"))
    return baker.make(Person, name=name, slug=slug, **fields)


def credit(person, show, character="", role=Credit.Role.SUPPORTING, order=0):
    return Credit.objects.create(
        person=person, show=show, character_name=character, role=role, billing_order=order
    )


def build_large_dataset(shows=5, episodes=40, stills=10, tags=12, tags_per_recap=10, cast=30):
    """≥200 published recaps (shows × episodes), `stills` stills and `tags_per_recap` tags
    each, `cast` credits per show over a shared pool of people, plus a draft and a
    future-scheduled recap. Bulk inserts: stills share one image name (no files)."""
    platform = Platform.objects.create(name="Streamer", slug="streamer")
    author = make_user("bulk-writer", first_name="Bulk", last_name="Writer")
    people = Person.objects.bulk_create(
        Person(name=f"Performer {i}", slug=f"performer-{i}", description="Actor")
        for i in range(cast + shows * 2)
    )
    show_rows = Show.objects.bulk_create(
        Show(
            title=f"Big Show {s}",
            slug=f"big-show-{s}",
            premiere_date=date(2022, 1, 5) + timedelta(days=300 * s),
            planned_episode_count=episodes,
            release_weekdays=[2],
        )
        for s in range(shows)
    )
    Show.platforms.through.objects.bulk_create(
        Show.platforms.through(show_id=show.pk, platform_id=platform.pk) for show in show_rows
    )
    Credit.objects.bulk_create(
        Credit(
            person=people[s * 2 + i],
            show=show,
            character_name=f"Character {i}",
            role=Credit.Role.LEAD if i < 2 else Credit.Role.SUPPORTING,
            billing_order=i,
        )
        for s, show in enumerate(show_rows)
        for i in range(cast)
    )
    episode_rows = Episode.objects.bulk_create(
        Episode(show=show, number=n) for show in show_rows for n in range(1, episodes + 1)
    )
    now = timezone.now()
    recaps = Recap.objects.bulk_create(
        Recap(
            episode=episode,
            subtitle=f"Bulk {i}",
            slug=f"bulk-{i}",
            author=author,
            intro="<p>Previously.</p>",
            body="<p>One.</p><p>Two.</p><p>Three.</p>",
            bonus_track="<p>After the credits.</p>",
            review="<p>Opinion.</p>",
            verdict="Worth it.",
            rating=7,
            status=Recap.Status.PUBLISHED,
            published_at=now - timedelta(hours=i + 1),
        )
        for i, episode in enumerate(episode_rows)
    )
    sections = [Still.Section.RECAP, Still.Section.BONUS_TRACK, Still.Section.REVIEW]
    Still.objects.bulk_create(
        Still(
            recap=recap,
            image="stills/shared.jpg",
            width=1600,
            height=900,
            alt_text=f"Scene {k}",
            caption=f"Still {k}",
            credit="Streamer",
            section=sections[k % 3],
            order=k,
            is_hero=k == 0,
        )
        for recap in recaps
        for k in range(stills)
    )
    tag_rows = Tag.objects.bulk_create(
        Tag(name=f"Topic {t}", slug=f"topic-{t}") for t in range(tags)
    )
    TaggedRecap.objects.bulk_create(
        TaggedRecap(tag=tag_rows[(r + t) % tags], content_object=recap)
        for r, recap in enumerate(recaps)
        for t in range(tags_per_recap)
    )
    for recap in recaps[:5]:
        recap.also_read.add(*recaps[5:15])
    first = show_rows[0]
    draft = make_recap(episode_rows[1], published=False, slug="bulk-draft")
    future = make_recap(episode_rows[2], when=now + timedelta(days=2), slug="bulk-future")
    return {
        "shows": show_rows,
        "show": first,
        "recaps": recaps,
        "recap": recaps[1],
        "people": people,
        "tag": tag_rows[0],
        "draft": draft,
        "future": future,
    }
