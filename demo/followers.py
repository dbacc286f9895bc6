"""The demo's followers by e-mail: a few confirmed addresses, so that publishing the draft
recap in `make run`'s admin prints its alerts in the console (where development mail goes)."""

from django.utils import timezone

from follows.models import Follow, Follower
from shows.models import Show

#: (address, show slug or None for everything, frequency, time zone)
FOLLOWERS = [
    ("joel.fan@example.com", "the-last-of-us", Follow.Frequency.EACH, "America/New_York"),
    ("sae-rok.fan@example.com", "soundtrack-2", Follow.Frequency.EACH, "Asia/Seoul"),
    ("weekly.reader@example.com", None, Follow.Frequency.WEEKLY, "Europe/Berlin"),
]


def load_followers():
    """Confirmed demo followers, kept as they are on a second run; their count."""
    now = timezone.now()
    for address, slug, frequency, zone in FOLLOWERS:
        follower, _ = Follower.objects.get_or_create(
            email=address,
            defaults={
                "state": Follower.State.CONFIRMED,
                "source": Follower.Source.DEMO,
                "time_zone": zone,
                "consent_wording": "2026-12",
                "confirmed_at": now,
            },
        )
        show = Show.objects.get(slug=slug) if slug else None
        Follow.objects.get_or_create(
            follower=follower,
            show=show,
            defaults={"frequency": frequency, "confirmed_at": now, "confirm_key": ""},
        )
    return len(FOLLOWERS)
