"""Demo readers' ratings for the Soundtrack #2 episodes, after `load_demo`: enough votes that
the recap pages and the hub's episode guide show an average and a count."""

from datetime import timedelta

from django.db import transaction

from demo.management.base import DemoCommand
from ratings.models import EpisodeVote
from recaps.models import Recap

# Episode number → the demo readers' scores, a plausible spread around each recap's verdict.
SCORES = {
    1: (8, 7, 9, 6, 8, 7, 8),
    2: (7, 7, 8, 6, 7),
    3: (8, 9, 8, 7, 9, 8),
    4: (10, 9, 9, 10, 8, 9, 10, 9),
    5: (7, 8, 6, 8),
    6: (8, 9, 7, 8, 9, 6),
}


class Command(DemoCommand):
    help = "Add the demo's reader ratings to Soundtrack #2 (development only)."
    refusal = "Demo ratings are for development: run with DJANGO_DEBUG=1."

    @transaction.atomic
    def load(self, **options):
        recaps = (
            Recap.objects.published()
            .filter(episode__show__slug="soundtrack-2", episode__number__in=SCORES)
            .select_related("episode")
        )
        added = 0
        for recap in recaps:
            episode = recap.episode
            # Loaded once: an episode that already has votes keeps them as they are.
            if EpisodeVote.objects.filter(episode=episode).exists():
                continue
            EpisodeVote.objects.bulk_create(
                EpisodeVote(
                    episode=episode,
                    score=score,
                    created_at=recap.published_at + timedelta(hours=hours + 1),
                )
                for hours, score in enumerate(SCORES[episode.number])
            )
            added += len(SCORES[episode.number])
        self.stdout.write(self.style.SUCCESS(f"Demo ratings: {added} votes added."))
