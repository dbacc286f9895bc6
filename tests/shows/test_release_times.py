"""Release moments for readers in other zones and the "Next:" line, with the clock passed in."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from shows.facts import format_time
from shows.release_times import (
    days_away,
    episodes_label,
    format_day,
    next_release_notice,
    schedule_instant,
)
from shows.schedule import Release
from tests.shows.schedules import MONDAY_TUESDAY, SOUNDTRACK_2, US_THURSDAYS

KOLKATA = ZoneInfo("Asia/Kolkata")
SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def reader_clock(instant, zone):
    """The wall time a reader in `zone` sees, as site.js writes it."""
    moment = datetime.fromisoformat(instant.utc_iso).astimezone(ZoneInfo(zone))
    return f"{format_time(moment.time())} {moment.tzname()}"


# Soundtrack #2: 1:30 PM IST on Wednesdays is 08:00 UTC.


def test_soundtrack_2_schedule_instant_is_0800_utc():
    instant = schedule_instant(SOUNDTRACK_2, date(2023, 12, 10))
    assert instant.utc_iso == "2023-12-13T08:00:00Z"
    assert instant.utc_text == "08:00 UTC"
    assert instant.show_time == "1:30 PM IST"
    assert instant.time_zone == "Asia/Kolkata"


def test_soundtrack_2_schedule_instant_after_finale_is_the_finale():
    assert schedule_instant(SOUNDTRACK_2, date(2024, 3, 1)).utc_iso == "2023-12-20T08:00:00Z"


def test_soundtrack_2_in_berlin_is_nine_in_the_morning():
    instant = schedule_instant(SOUNDTRACK_2, date(2023, 12, 10))
    assert reader_clock(instant, "Europe/Berlin") == "9:00 AM CET"


def test_soundtrack_2_next_release_two_days_ahead():
    now = datetime(2023, 12, 11, 10, 0, tzinfo=KOLKATA)
    notice = next_release_notice(SOUNDTRACK_2, now)
    assert notice.sentence == "Next: Episodes 3–4, Wednesday 13 December at 1:30 PM IST — in 2 days"
    assert notice.local_iso == "2023-12-13T13:30:00+05:30"
    assert notice.instant.utc_iso == "2023-12-13T08:00:00Z"


def test_soundtrack_2_next_release_tomorrow():
    now = datetime(2023, 12, 12, 23, 59, tzinfo=KOLKATA)
    assert next_release_notice(SOUNDTRACK_2, now).when == "tomorrow"


def test_soundtrack_2_next_release_today_until_its_moment():
    before = datetime(2023, 12, 13, 13, 29, tzinfo=KOLKATA)
    assert next_release_notice(SOUNDTRACK_2, before).sentence.endswith("1:30 PM IST — today")


def test_soundtrack_2_next_release_moves_on_once_out():
    after = datetime(2023, 12, 13, 13, 30, tzinfo=KOLKATA)
    notice = next_release_notice(SOUNDTRACK_2, after)
    assert notice.episodes == "Episodes 5–6"
    assert notice.when == "in 7 days"


def test_soundtrack_2_days_counted_in_india_not_utc():
    # 20:00 UTC on the 12th is already the 13th in India: the release is today there.
    now = datetime(2023, 12, 12, 20, 0, tzinfo=UTC)
    assert next_release_notice(SOUNDTRACK_2, now).when == "today"


def test_no_next_release_after_the_finale_is_out():
    assert next_release_notice(SOUNDTRACK_2, datetime(2023, 12, 20, 8, 0, tzinfo=UTC)) is None


def test_no_next_release_before_the_premiere_day():
    assert next_release_notice(SOUNDTRACK_2, datetime(2023, 12, 5, 12, 0, tzinfo=KOLKATA)) is None


def test_next_release_on_premiere_day_is_the_premiere():
    now = datetime(2023, 12, 6, 9, 0, tzinfo=KOLKATA)
    assert next_release_notice(SOUNDTRACK_2, now).episodes == "Episodes 1–2"


def test_next_release_needs_an_aware_moment():
    with pytest.raises(ValueError):
        next_release_notice(SOUNDTRACK_2, datetime(2023, 12, 11, 10, 0))


# One episode a day, on Mondays and Tuesdays.


def test_monday_tuesday_after_monday_comes_tuesday():
    now = datetime(2024, 1, 15, 21, 0, tzinfo=SEOUL)
    notice = next_release_notice(MONDAY_TUESDAY, now)
    assert notice.sentence == "Next: Episode 4, Tuesday 16 January at 8:50 PM KST — tomorrow"


def test_monday_tuesday_after_tuesday_waits_for_monday():
    now = datetime(2024, 1, 16, 21, 0, tzinfo=SEOUL)
    notice = next_release_notice(MONDAY_TUESDAY, now)
    assert notice.sentence == "Next: Episode 5, Monday 22 January at 8:50 PM KST — in 6 days"


def test_monday_tuesday_instant_in_utc_and_for_a_reader_in_london():
    instant = schedule_instant(MONDAY_TUESDAY, date(2024, 1, 16))
    assert instant.utc_iso == "2024-01-16T11:50:00Z"
    assert reader_clock(instant, "Europe/London") == "11:50 AM GMT"


# A weekly US show across the end of DST on 2 November 2025.


def test_us_weekly_utc_moment_moves_an_hour_when_dst_ends():
    before = schedule_instant(US_THURSDAYS, date(2025, 10, 28))
    after = schedule_instant(US_THURSDAYS, date(2025, 11, 4))
    assert before.utc_iso == "2025-10-31T01:00:00Z"
    assert after.utc_iso == "2025-11-07T02:00:00Z"
    assert (before.show_time, after.show_time) == ("9:00 PM EDT", "9:00 PM EST")


def test_us_weekly_utc_text_names_the_next_day():
    assert schedule_instant(US_THURSDAYS, date(2025, 10, 28)).utc_text == "Friday 01:00 UTC"


def test_us_weekly_reader_in_london_moves_from_one_to_two_am():
    # London left summer time a week before New York (26 October), so between the two
    # changes the gap is four hours, then five again.
    before = schedule_instant(US_THURSDAYS, date(2025, 10, 28))
    after = schedule_instant(US_THURSDAYS, date(2025, 11, 4))
    assert reader_clock(before, "Europe/London") == "1:00 AM GMT"
    assert reader_clock(after, "Europe/London") == "2:00 AM GMT"


def test_us_weekly_next_release_datetime_follows_dst():
    before = next_release_notice(US_THURSDAYS, datetime(2025, 10, 28, 12, 0, tzinfo=NEW_YORK))
    after = next_release_notice(US_THURSDAYS, datetime(2025, 11, 4, 12, 0, tzinfo=NEW_YORK))
    assert before.instant.utc_iso == "2025-10-31T01:00:00Z"
    assert after.instant.utc_iso == "2025-11-07T02:00:00Z"
    assert before.local_iso == "2025-10-30T21:00:00-04:00"
    assert after.local_iso == "2025-11-06T21:00:00-05:00"


def test_in_two_days_across_the_dst_change():
    mondays = replace(US_THURSDAYS, premiere=date(2025, 10, 6), weekdays=(0,))
    now = datetime(2025, 11, 1, 23, 30, tzinfo=NEW_YORK)
    notice = next_release_notice(mondays, now)
    assert notice.sentence == "Next: Episode 5, Monday 3 November at 9:00 PM EST — in 2 days"
    # Only 46½ hours pass (the night of the change lasts 25): dividing seconds would say one.
    assert (notice.instant.moment - now) // timedelta(days=1) == 1


# Schedules without a release time, and released at once.


def test_next_release_without_release_time_names_the_day_only():
    schedule = replace(SOUNDTRACK_2, release_time=None)
    notice = next_release_notice(schedule, datetime(2023, 12, 12, 9, 0, tzinfo=KOLKATA))
    assert notice.sentence == "Next: Episodes 3–4, Wednesday 13 December — tomorrow"
    assert notice.instant is None
    assert notice.local_iso == "2023-12-13"


def test_no_schedule_instant_without_release_time():
    assert schedule_instant(replace(SOUNDTRACK_2, release_time=None), date(2023, 12, 10)) is None


def test_no_schedule_instant_when_released_at_once():
    schedule = replace(SOUNDTRACK_2, all_at_once=True)
    assert schedule_instant(schedule, date(2023, 12, 1)) is None


def test_no_next_release_once_an_all_at_once_show_is_out():
    schedule = replace(SOUNDTRACK_2, all_at_once=True)
    assert next_release_notice(schedule, datetime(2023, 12, 7, tzinfo=KOLKATA)) is None


# Wording.


def test_episodes_label_single_and_range():
    assert episodes_label(Release(date(2024, 1, 1), 5, 5)) == "Episode 5"
    assert episodes_label(Release(date(2024, 1, 1), 3, 4)) == "Episodes 3–4"


def test_days_away_words():
    assert [days_away(n) for n in (0, 1, 2, 13)] == ["today", "tomorrow", "in 2 days", "in 13 days"]


def test_format_day_has_weekday_day_and_month():
    assert format_day(date(2023, 12, 13)) == "Wednesday 13 December"
