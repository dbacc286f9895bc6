"""Publication relative to air time follows the schedule in the model layer: any `.save()` of a
show or an episode (the admin, a catalogue sync, a shell) moves the scheduled recaps planned
from it. Two shows on either side of a daylight-saving change: New York (14 March 2027) and
Berlin (28 March 2027); Seoul, which keeps its offset, for a change of zone."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from demo.factories import make_episode, make_recap, make_show, make_user
from desk.models import RelativeSchedule
from desk.moves import follow_air_times
from pagecache import tags as cache_tags
from recaps.models import Recap

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def planned(show, number, offset_hours=2, episode=None):
    """A recap of episode `number` scheduled `offset_hours` after `episode` (its own) airs."""
    own = make_episode(show, number)
    anchor = episode or own
    recap = make_recap(own, author=make_user(), when=utc(2030, 1, 1))
    plan = RelativeSchedule(recap=recap, episode=anchor, offset=timedelta(hours=offset_hours))
    from desk.moves import relative_time

    plan.publish_time = relative_time(plan)
    plan.save()
    Recap.objects.filter(pk=recap.pk).update(published_at=plan.publish_time)
    recap.refresh_from_db()
    return recap


@pytest.fixture
def new_york():
    return make_show(
        title="Night Court",
        premiere_date=date(2027, 3, 1),
        release_weekdays=[0],
        release_time=time(21, 0),
        time_zone="America/New_York",
        planned_episode_count=10,
    )


@pytest.fixture
def berlin():
    return make_show(
        title="Tatort",
        premiere_date=date(2027, 3, 21),
        release_weekdays=[6],
        release_time=time(20, 15),
        time_zone="Europe/Berlin",
        planned_episode_count=10,
    )


def test_a_delay_set_on_the_episode_moves_the_recap_across_the_us_clock_change(new_york):
    recap = planned(new_york, 2)  # Monday 8 March, 21:00 EST
    assert recap.published_at == utc(2027, 3, 9, 4, 0)
    episode = recap.episode
    episode.air_date_override = date(2027, 3, 15)  # a week's delay, now in EDT
    episode.save()
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 16, 3, 0)
    plan = recap.relative_schedule
    assert plan.moved_from == utc(2027, 3, 9, 4, 0)
    assert recap.transitions.get().note.startswith("Moved with the air time")


def test_a_new_release_time_on_the_show_moves_every_planned_recap_of_it(new_york, berlin):
    first, second = planned(berlin, 1), planned(berlin, 2)  # 21 March CET, 28 March CEST
    untouched = planned(new_york, 1)
    berlin.release_time = time(21, 45)
    berlin.save()
    first.refresh_from_db(), second.refresh_from_db(), untouched.refresh_from_db()
    assert first.published_at == utc(2027, 3, 21, 22, 45)  # UTC+1
    assert second.published_at == utc(2027, 3, 28, 21, 45)  # UTC+2 after the change
    assert untouched.published_at == utc(2027, 3, 2, 4, 0)


def test_a_holiday_that_shifts_the_premiere_moves_the_schedule_with_it(berlin):
    recap = planned(berlin, 1)
    berlin.premiere_date = date(2027, 3, 28)  # a week later, past the clock change
    berlin.save()
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 28, 20, 15)


def test_a_new_zone_moves_the_recap(db):
    seoul = make_show(
        premiere_date=date(2027, 3, 13),
        release_weekdays=[5],
        release_time=time(22, 0),
        time_zone="Asia/Seoul",
    )
    recap = planned(seoul, 2, offset_hours=1)  # 20 March 22:00 KST = 13:00 UTC
    assert recap.published_at == utc(2027, 3, 20, 14, 0)
    seoul.time_zone = "America/New_York"
    seoul.save()
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 21, 3, 0)  # 22:00 EDT + 1 h


def test_a_recap_planned_from_an_earlier_episode_follows_that_episode(new_york):
    anchor = make_episode(new_york, 1)
    recap = planned(new_york, 3, offset_hours=48, episode=anchor)
    anchor.air_date_override = date(2027, 3, 2)
    anchor.save()
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 5, 2, 0)


def test_a_live_recap_stays_live_and_a_hand_set_time_stays_put(new_york):
    live = planned(new_york, 1)
    Recap.objects.filter(pk=live.pk).update(published_at=timezone.now() - timedelta(hours=1))
    hand_set = planned(new_york, 2)
    Recap.objects.filter(pk=hand_set.pk).update(published_at=utc(2029, 1, 1))
    new_york.release_time = time(22, 0)
    new_york.save()
    live.refresh_from_db(), hand_set.refresh_from_db()
    assert live.is_published
    assert hand_set.published_at == utc(2029, 1, 1)


def test_losing_the_release_time_leaves_the_publish_time_alone(new_york):
    recap = planned(new_york, 1)
    new_york.release_time = None
    new_york.save()
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 2, 4, 0)


def test_a_move_purges_the_recaps_lists_and_names_the_next_publication(new_york):
    recap = planned(new_york, 1)
    version = cache_tags.read_versions([cache_tags.RECAPS])
    episode = recap.episode
    episode.air_date_override = date(2027, 3, 3)
    episode.save()
    assert cache_tags.read_versions([cache_tags.RECAPS]) != version
    assert Recap.objects.next_publication() == utc(2027, 3, 4, 4, 0)


def test_updates_that_skip_signals_move_nothing_until_asked(new_york):
    recap = planned(new_york, 1)
    new_york.__class__.objects.filter(pk=new_york.pk).update(release_time=time(23, 0))
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 2, 4, 0)
    assert follow_air_times(RelativeSchedule.objects.all()) == [recap]
    recap.refresh_from_db()
    assert recap.published_at == utc(2027, 3, 2, 6, 0)
