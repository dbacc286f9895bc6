"""Rows for `make bench-mail`, written by the bench's child processes (`manage.py shell -c`):
`seed(n)` makes one show with `n` confirmed followers (bulk_create in chunks) and a draft
recap; `publish()` makes the recap go live, which queues its alerts on the task worker."""

import time
from datetime import timedelta

from django.utils import timezone

from demo.factories import make_episode, make_recap, make_show, make_user
from follows.models import Follow, Follower
from recaps.models import Recap

SLUG = "bench-mail-show"
CHUNK = 5_000


def seed(followers):
    show = make_show(title="Bench Mail Show", slug=SLUG)
    # The first recap went live a month ago (no alert: not news); followers came before it.
    earlier = timezone.now() - timedelta(days=30)
    confirmed = earlier - timedelta(days=1)
    for start in range(0, followers, CHUNK):
        rows = Follower.objects.bulk_create(
            Follower(
                email=f"reader{number:07d}@example.com",
                state=Follower.State.CONFIRMED,
                source=Follower.Source.SHOW_HUB,
                consent_wording="2026-12",
                confirmed_at=confirmed,
            )
            for number in range(start, min(start + CHUNK, followers))
        )
        Follow.objects.bulk_create(
            Follow(follower=row, show=show, confirmed_at=confirmed, confirm_key="") for row in rows
        )
    make_recap(make_episode(show, 1), when=earlier, author=make_user("bench-writer"))
    make_recap(make_episode(show, 2), published=False, author=make_user("bench-editor"))


def publish():
    """The draft goes live now; prints the moment (Unix time) it was saved."""
    recap = Recap.objects.get(episode__show__slug=SLUG, episode__number=2)
    recap.status, recap.published_at = Recap.Status.PUBLISHED, timezone.now()
    recap.save()
    print(f"published {time.time():.3f} {recap.get_absolute_url()}")  # noqa: T201
