"""Fills the current database with a large, realistic-shaped dataset for `manage.py bench`."""

import io
import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from people.models import Credit, Person
from recaps.models import Recap, Still
from shows.models import Episode, Platform, Show

EPISODES_PER_SHOW = 16
CREDITS_PER_SHOW = 30
STILLS_PER_RECAP = 10
TAGS_PER_RECAP = 10
BATCH = 2000
# Each recap mentions one of 50 motifs, so a motif is in 2% of recaps: a realistic hit rate.
MOTIFS = (
    "lighthouse harbour umbrella piano rooftop subway bakery library orchard lantern "
    "typewriter greenhouse ferry carousel observatory vineyard aquarium bookshop "
    "bicycle kettle violin snowfall festival hospital courtroom airport bridge market tunnel "
    "windmill radio cassette letter photograph ring scarf notebook telescope compass garden "
    "stadium theatre museum studio station balcony playground karaoke laundromat pier"
).split()


class Command(BaseCommand):
    help = "Create N published recaps with episodes, credits, stills and tags (bulk, fast)."

    def add_arguments(self, parser):
        parser.add_argument("--recaps", type=int, default=20_000)

    @transaction.atomic
    def handle(self, *args, recaps, **options):
        if Show.objects.filter(slug="bench-show-0").exists():
            self.stdout.write("Bench data is already in this database; reusing it.")
            return
        rng = random.Random(20231206)
        show_count = max(1, recaps // EPISODES_PER_SHOW)
        author, _ = get_user_model().objects.get_or_create(
            username="bench-writer", defaults={"first_name": "Bench", "last_name": "Writer"}
        )
        platform, _ = Platform.objects.get_or_create(name="Benchflix", slug="benchflix")
        image_name = self.shared_still()

        shows = Show.objects.bulk_create(
            Show(
                title=f"Bench Show {n}",
                slug=f"bench-show-{n}",
                premiere_date=date(2020, 1, 1) + timedelta(days=n % 1500),
                planned_episode_count=EPISODES_PER_SHOW,
                release_weekdays=[n % 7],
                episodes_per_release=2,
                time_zone="Asia/Seoul",
            )
            for n in range(show_count)
        )
        Show.platforms.through.objects.bulk_create(
            Show.platforms.through(show=show, platform=platform) for show in shows
        )
        episodes = Episode.objects.bulk_create(
            (
                Episode(show=show, number=number)
                for show in shows
                for number in range(1, EPISODES_PER_SHOW + 1)
            ),
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            (Person(name=f"Bench Actor {n}", slug=f"bench-actor-{n}") for n in range(600)),
            batch_size=BATCH,
        )
        Credit.objects.bulk_create(
            (
                Credit(
                    person=people[(i * 7 + k) % len(people)],
                    show=show,
                    character_name=f"Character {k}",
                    role=Credit.Role.LEAD if k < 2 else Credit.Role.SUPPORTING,
                    billing_order=k,
                )
                for i, show in enumerate(shows)
                for k in range(CREDITS_PER_SHOW)
            ),
            batch_size=BATCH,
        )
        now = timezone.now()
        paragraph = "<p>" + " ".join(["Su-ho and Hyeon-seo argue about the song."] * 12) + "</p>"
        recap_rows = Recap.objects.bulk_create(
            (
                Recap(
                    episode=episode,
                    subtitle=f"Bench subtitle {n}",
                    slug=f"bench-recap-{n}",
                    author=author,
                    intro=f"<p>This week returns to the {MOTIFS[n % len(MOTIFS)]}.</p>" + paragraph,
                    body=paragraph * 8,
                    review=paragraph * 2,
                    verdict="A steady episode.",
                    rating=rng.randint(5, 10),
                    status=Recap.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=n),
                )
                for n, episode in enumerate(episodes[:recaps])
            ),
            batch_size=BATCH,
        )
        Still.objects.bulk_create(
            (
                Still(
                    recap=recap,
                    image=image_name,
                    width=800,
                    height=450,
                    alt_text=f"Still {k} of {recap.subtitle}",
                    section=Still.Section.RECAP,
                    order=k,
                    is_hero=k == 0,
                )
                for recap in recap_rows
                for k in range(STILLS_PER_RECAP)
            ),
            batch_size=BATCH,
        )
        tags = Tag.objects.bulk_create(
            Tag(name=f"bench-tag-{n}", slug=f"bench-tag-{n}") for n in range(50)
        )
        through = Recap.tags.through
        through.objects.bulk_create(
            (
                through(content_object=recap, tag=tags[(i + k) % len(tags)])
                for i, recap in enumerate(recap_rows)
                for k in range(TAGS_PER_RECAP)
            ),
            batch_size=BATCH,
        )
        # Fresh planner statistics, as autovacuum gives a PostgreSQL database. SQLite keeps none
        # until ANALYZE runs, and without them it reads a page of recaps by key through the
        # publication index instead (every published recap, at 20,000 of them 2 ms a query).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Bench data: {len(shows)} shows, {len(episodes)} episodes, "
            f"{len(recap_rows)} recaps, {len(recap_rows) * STILLS_PER_RECAP} stills."
        )

    def shared_still(self):
        """One image file that every bench still points at, so the dataset stays small on disk."""
        name = "bench/still.jpg"
        if not default_storage.exists(name):
            buffer = io.BytesIO()
            Image.new("RGB", (800, 450), (40, 60, 120)).save(buffer, format="JPEG")
            name = default_storage.save(name, ContentFile(buffer.getvalue()))
        return name
