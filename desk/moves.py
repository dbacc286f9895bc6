"""Publication that follows the air time: a recap scheduled "2 h after episode 5 airs" moves
when the episode's air time does (a delay set on the episode, a new premiere, release days,
release time or zone on the show), whoever saves the change: the admin, the desk, a catalogue
sync, a shell. `post_save` of Show and Episode calls `follow_air_times`; changes made with
`update()` or `bulk_update()` skip signals, so code that makes them calls it itself.

The move is a `Recap.save()` like any other, so the page cache purges what the publish time
touches and knows the next publication, and followers' alerts wait for the new time. Only
scheduled recaps move: a live one stays live (moving it would take it off the site), and a
draft has no publish time yet (it gets one when it is scheduled)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from recaps import workflow
from recaps.models import Recap
from shows.models import Episode, Show

from .air import after, air_instant, offset_text
from .models import RelativeSchedule


def relative_time(schedule):
    """The publish time `schedule` asks for now, or None while its episode has no air time."""
    episode = schedule.episode
    show = episode.show
    return after(air_instant(episode.air_date, show.release_time, show.time_zone), schedule.offset)


def follow_air_times(schedules, now=None):
    """Move each scheduled recap of `schedules` (a RelativeSchedule queryset) to the time its
    episode's air time now gives; returns the recaps moved."""
    now = now or timezone.now()
    moved = []
    pending = schedules.filter(
        recap__status=Recap.Status.PUBLISHED, recap__published_at__gt=now
    ).select_related("recap__episode__show", "episode__show")
    for schedule in pending:
        recap, wanted = schedule.recap, relative_time(schedule)
        if recap.published_at != schedule.publish_time:
            continue  # scheduled by hand at another time since: the plan no longer rules
        if wanted is None or wanted == recap.published_at:
            continue
        with transaction.atomic():
            schedule.moved_from, schedule.moved_at = recap.published_at, now
            schedule.publish_time = wanted
            schedule.save(update_fields=["moved_from", "moved_at", "publish_time"])
            recap.published_at = wanted
            recap.save(update_fields=["published_at", "updated_at"])
            workflow.record(
                recap,
                None,
                Recap.State.SCHEDULED,
                note=f"Moved with the air time: {offset_text(schedule.offset)} after "
                f"{schedule.episode} airs.",
                now=now,
            )
        moved.append(recap)
    return moved


# A show or an episode just created has no recap planned from it yet: nothing to move.


def show_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        follow_air_times(RelativeSchedule.objects.filter(episode__show=instance))


def episode_saved(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        follow_air_times(RelativeSchedule.objects.filter(episode=instance))


def connect():
    post_save.connect(show_saved, sender=Show, dispatch_uid="desk.follow_air_times")
    post_save.connect(episode_saved, sender=Episode, dispatch_uid="desk.follow_air_times")
