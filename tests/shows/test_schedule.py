from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest

from shows.schedule import (
    Release,
    ReleaseSchedule,
    air_date,
    finale_date,
    next_release,
    release_dates,
    release_moment,
    releases,
)
from tests.shows.schedules import SOUNDTRACK_2

# Weekly on Sundays at 21:00 Eastern; DST ends on 2023-11-05, the second release.
US_WEEKLY = ReleaseSchedule(
    premiere=date(2023, 10, 29),
    release_time=time(21, 0),
    time_zone="America/New_York",
    episode_count=3,
)


def test_soundtrack_2_releases_two_episodes_each_wednesday():
    assert releases(SOUNDTRACK_2) == [
        Release(date(2023, 12, 6), 1, 2),
        Release(date(2023, 12, 13), 3, 4),
        Release(date(2023, 12, 20), 5, 6),
    ]


def test_soundtrack_2_air_dates_pair_up_episodes():
    assert [air_date(SOUNDTRACK_2, n) for n in range(1, 7)] == [
        date(2023, 12, 6),
        date(2023, 12, 6),
        date(2023, 12, 13),
        date(2023, 12, 13),
        date(2023, 12, 20),
        date(2023, 12, 20),
    ]


def test_soundtrack_2_finale_date():
    assert finale_date(SOUNDTRACK_2) == date(2023, 12, 20)


def test_soundtrack_2_release_moment_is_0800_utc():
    moment = release_moment(SOUNDTRACK_2, date(2023, 12, 13))
    assert moment.astimezone(UTC) == datetime(2023, 12, 13, 8, 0, tzinfo=UTC)


def test_release_dates_stop_at_the_finale():
    assert list(release_dates(SOUNDTRACK_2)) == [
        date(2023, 12, 6),
        date(2023, 12, 13),
        date(2023, 12, 20),
    ]


def test_one_episode_a_day_on_monday_and_tuesday():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 1), weekdays=(0, 1), episode_count=4)
    assert [air_date(schedule, n) for n in range(1, 5)] == [
        date(2024, 1, 1),
        date(2024, 1, 2),
        date(2024, 1, 8),
        date(2024, 1, 9),
    ]


def test_premiere_off_the_listed_weekdays_is_still_a_release_day():
    # Premieres on a Friday, then airs on Saturdays.
    schedule = ReleaseSchedule(premiere=date(2024, 1, 5), weekdays=(5,), episode_count=3)
    assert list(release_dates(schedule)) == [date(2024, 1, 5), date(2024, 1, 6), date(2024, 1, 13)]


def test_empty_weekdays_means_the_premiere_weekday():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3))
    assert list(islice(release_dates(schedule), 3)) == [
        date(2024, 1, 3),
        date(2024, 1, 10),
        date(2024, 1, 17),
    ]


def test_weekdays_list_is_stored_as_tuple():
    assert ReleaseSchedule(premiere=date(2024, 1, 3), weekdays=[2, 4]).weekdays == (2, 4)


def test_all_at_once_puts_every_episode_on_the_premiere():
    schedule = ReleaseSchedule(premiere=date(2024, 3, 1), all_at_once=True, episode_count=8)
    assert air_date(schedule, 8) == date(2024, 3, 1)
    assert releases(schedule) == [Release(date(2024, 3, 1), 1, 8)]
    assert finale_date(schedule) == date(2024, 3, 1)


def test_unknown_episode_count_has_no_finale():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3), weekdays=(2,))
    assert finale_date(schedule) is None
    assert releases(schedule) == []


def test_unknown_episode_count_still_gives_air_dates():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3), weekdays=(2,), episodes_per_release=2)
    assert air_date(schedule, 5) == date(2024, 1, 17)


def test_last_release_may_hold_fewer_episodes():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3), episodes_per_release=2, episode_count=5)
    assert releases(schedule)[-1] == Release(date(2024, 1, 17), 5, 5)


def test_release_moment_keeps_local_time_across_dst_end():
    before = release_moment(US_WEEKLY, date(2023, 10, 29))
    after = release_moment(US_WEEKLY, date(2023, 11, 5))
    assert (before.time(), after.time()) == (time(21, 0), time(21, 0))
    assert before.utcoffset() == timedelta(hours=-4)
    assert after.utcoffset() == timedelta(hours=-5)
    assert after.astimezone(UTC) == datetime(2023, 11, 6, 2, 0, tzinfo=UTC)


def test_release_moment_is_none_without_release_time():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3))
    assert release_moment(schedule, date(2024, 1, 3)) is None


def test_next_release_before_premiere_is_the_premiere():
    now = datetime(2023, 12, 1, tzinfo=UTC)
    assert next_release(SOUNDTRACK_2, now) == Release(date(2023, 12, 6), 1, 2)


def test_next_release_mid_run():
    now = datetime(2023, 12, 10, tzinfo=UTC)
    assert next_release(SOUNDTRACK_2, now) == Release(date(2023, 12, 13), 3, 4)


def test_next_release_on_release_day_before_and_after_the_moment():
    just_before = datetime(2023, 12, 13, 7, 59, tzinfo=UTC)
    just_after = datetime(2023, 12, 13, 8, 1, tzinfo=UTC)
    assert next_release(SOUNDTRACK_2, just_before).date == date(2023, 12, 13)
    assert next_release(SOUNDTRACK_2, just_after).date == date(2023, 12, 20)


def test_next_release_after_finale_is_none():
    assert next_release(SOUNDTRACK_2, datetime(2024, 1, 5, tzinfo=UTC)) is None


def test_next_release_without_time_uses_start_of_day_in_zone():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3), time_zone="Asia/Seoul", episode_count=2)
    # 2024-01-03 00:00 KST is 2024-01-02 15:00 UTC.
    assert next_release(schedule, datetime(2024, 1, 2, 14, 59, tzinfo=UTC)).first_episode == 1
    assert next_release(schedule, datetime(2024, 1, 2, 15, 0, tzinfo=UTC)).first_episode == 2


def test_next_release_open_ended_run():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3))
    now = datetime(2024, 2, 1, tzinfo=ZoneInfo("UTC"))
    assert next_release(schedule, now) == Release(date(2024, 2, 7), 6, 6)


def test_next_release_rejects_naive_now():
    with pytest.raises(ValueError):
        next_release(SOUNDTRACK_2, datetime(2023, 12, 1))


def test_rejects_zero_episodes_per_release():
    with pytest.raises(ValueError):
        ReleaseSchedule(premiere=date(2024, 1, 3), episodes_per_release=0)


@pytest.mark.parametrize("weekdays", [(7,), (-1,), (0, 9)])
def test_rejects_weekday_outside_0_to_6(weekdays):
    with pytest.raises(ValueError):
        ReleaseSchedule(premiere=date(2024, 1, 3), weekdays=weekdays)


def test_rejects_unknown_time_zone():
    with pytest.raises(ValueError):
        ReleaseSchedule(premiere=date(2024, 1, 3), time_zone="Mars/Olympus_Mons")


def test_rejects_episode_number_below_one():
    with pytest.raises(ValueError):
        air_date(SOUNDTRACK_2, 0)


def test_rejects_episode_number_after_finale():
    with pytest.raises(ValueError):
        air_date(SOUNDTRACK_2, 7)


def test_next_release_all_at_once_unknown_count_is_none():
    schedule = ReleaseSchedule(premiere=date(2024, 3, 1), all_at_once=True)
    assert next_release(schedule, datetime(2024, 2, 1, tzinfo=UTC)) is None
