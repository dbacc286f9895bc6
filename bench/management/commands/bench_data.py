"""Fills the current database with a large, realistic-shaped dataset for `manage.py bench`."""

import random
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from demo import bulk, factories, images, recipes
from recaps.models import Still
from shows.models import Platform, Show

EPISODES_PER_SHOW = 16
CREDITS_PER_SHOW = 30
STILLS_PER_RECAP = 10
TAGS_PER_RECAP = 10
STILL_SIZE = (800, 450)
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
        author = factories.make_user("bench-writer", first_name="Bench", last_name="Writer")
        platform, _ = Platform.objects.get_or_create(name="Benchflix", slug="benchflix")
        image_name = images.stored_image(
            "bench/still.jpg", images.image_bytes("JPEG", *STILL_SIZE, (40, 60, 120))
        )

        shows = bulk.bulk_shows(
            (
                {
                    "title": f"Bench Show {n}",
                    "slug": f"bench-show-{n}",
                    "premiere_date": date(2020, 1, 1) + timedelta(days=n % 1500),
                    "planned_episode_count": EPISODES_PER_SHOW,
                    "release_weekdays": [n % 7],
                    "episodes_per_release": 2,
                    "time_zone": "Asia/Seoul",
                }
                for n in range(show_count)
            ),
            platform,
        )
        episodes = bulk.bulk_episodes(shows, EPISODES_PER_SHOW)
        people = bulk.bulk_make(
            recipes.person_recipe,
            ({"name": f"Bench Actor {n}", "slug": f"bench-actor-{n}"} for n in range(600)),
        )
        bulk.bulk_casts(shows, CREDITS_PER_SHOW, lambda i, k: people[(i * 7 + k) % len(people)])
        now = timezone.now()
        paragraph = "<p>" + " ".join(["Su-ho and Hyeon-seo argue about the song."] * 12) + "</p>"
        recap_rows = bulk.bulk_make(
            recipes.recap_recipe,
            (
                {
                    "episode": episode,
                    "subtitle": f"Bench subtitle {n}",
                    "slug": f"bench-recap-{n}",
                    "author": author,
                    "intro": f"<p>This week returns to the {MOTIFS[n % len(MOTIFS)]}.</p>"
                    + paragraph,
                    "body": paragraph * 8,
                    "review": paragraph * 2,
                    "verdict": "A steady episode.",
                    "rating": rng.randint(5, 10),
                    "published_at": now - timedelta(minutes=n),
                }
                for n, episode in enumerate(episodes[:recaps])
            ),
        )
        bulk.bulk_stills(
            recap_rows,
            STILLS_PER_RECAP,
            image_name,
            STILL_SIZE,
            lambda recap, k: {
                "alt_text": f"Still {k} of {recap.subtitle}",
                "section": Still.Section.RECAP,
            },
        )
        tags = bulk.bulk_make(
            recipes.tag_recipe,
            ({"name": f"bench-tag-{n}", "slug": f"bench-tag-{n}"} for n in range(50)),
        )
        bulk.bulk_tags(recap_rows, tags, TAGS_PER_RECAP)
        # Fresh planner statistics, as autovacuum gives a PostgreSQL database. SQLite keeps none
        # until ANALYZE runs, and without them it reads a page of recaps by key through the
        # publication index instead (every published recap, at 20,000 of them 2 ms a query).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Bench data: {len(shows)} shows, {len(episodes)} episodes, "
            f"{len(recap_rows)} recaps, {len(recap_rows) * STILLS_PER_RECAP} stills."
        )
