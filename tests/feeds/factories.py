"""Recaps in every state readers must or must not see, for the search and feed tests."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from model_bakery import baker

from recaps.models import Recap, Still
from search.documents import refresh
from shows.models import Episode
from tests import images


def episode(show, number):
    return baker.make("shows.Episode", show=show, number=number)


def recap(show, number, author, *, status=Recap.Status.PUBLISHED, published_at=None, **fields):
    """A recap of `show` episode `number`; published an hour ago unless told otherwise."""
    if published_at is None and status == Recap.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(hours=1, minutes=number)
    fields.setdefault("subtitle", f"Episode {number} subtitle")
    fields.setdefault("slug", f"{show.slug}-episode-{number}")
    fields.setdefault("intro", f"<p>Intro of episode {number}.</p>")
    fields.setdefault("body", f"<p>What happened in episode {number}.</p>")
    fields.setdefault("review", f"<p>Our opinion of episode {number}.</p>")
    return Recap.objects.create(
        episode=episode(show, number),
        author=author,
        status=status,
        published_at=published_at,
        **fields,
    )


def draft(show, number, author, **fields):
    return recap(show, number, author, status=Recap.Status.DRAFT, **fields)


def scheduled(show, number, author, **fields):
    return recap(show, number, author, published_at=timezone.now() + timedelta(days=2), **fields)


def hero_still(recap, name="hero.png"):
    return Still.objects.create(
        recap=recap,
        image=images.upload(name),
        alt_text="Su-ho and Eun-su at the piano",
        caption=f"Still From {recap.episode}",
        is_hero=True,
    )


def many_recaps(count, author, *, shows=10, stills=10, tags=10):
    """`count` published recaps over `shows` shows, each with `stills` stills (one the hero)
    and `tags` tags, written in bulk so a large dataset stays quick to build."""
    show_objects = [
        baker.make("shows.Show", title=f"Bulk Show {index}", slug=f"bulk-show-{index}")
        for index in range(shows)
    ]
    per_show = -(-count // shows)
    episodes = Episode.objects.bulk_create(
        Episode(show=show, number=number)
        for show in show_objects
        for number in range(1, per_show + 1)
    )[:count]
    now = timezone.now()
    recaps = Recap.objects.bulk_create(
        Recap(
            episode=item,
            author=author,
            subtitle=f"Bulk subtitle {index} about the piano",
            slug=f"bulk-recap-{index}",
            intro=f"<p>Bulk intro {index} about the piano.</p>",
            body=f"<p>Bulk body {index}: Su-ho plays the piano again.</p>",
            status=Recap.Status.PUBLISHED,
            published_at=now - timedelta(minutes=index + 1),
            meta_description=f"Bulk recap {index}.",
        )
        for index, item in enumerate(episodes)
    )
    image_name = default_storage.save("stills/bulk.png", ContentFile(images.png_bytes()))
    Still.objects.bulk_create(
        Still(
            recap=item,
            image=image_name,
            width=64,
            height=36,
            alt_text=f"Still {order}",
            order=order,
            is_hero=order == 0,
        )
        for item in recaps
        for order in range(stills)
    )
    tag_names = [f"tag-{index}" for index in range(tags)]
    for item in recaps:
        item.tags.add(*tag_names)
    # bulk_create skips the save signal that keeps search documents current.
    refresh(Recap.objects.filter(pk__in=[item.pk for item in recaps]))
    return recaps
