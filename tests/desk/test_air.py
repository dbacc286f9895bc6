"""The air instant and the moments counted from it, across daylight-saving changes (pure)."""

from datetime import UTC, date, datetime, time, timedelta

from desk.air import after, air_instant, desk_day, offset_text


def test_the_air_instant_takes_the_offset_in_force_that_day_in_new_york():
    before = air_instant(date(2027, 3, 8), time(21, 0), "America/New_York")
    after_change = air_instant(date(2027, 3, 15), time(21, 0), "America/New_York")
    assert before.astimezone(UTC) == datetime(2027, 3, 9, 2, 0, tzinfo=UTC)
    assert after_change.astimezone(UTC) == datetime(2027, 3, 16, 1, 0, tzinfo=UTC)


def test_seoul_keeps_its_offset_all_year():
    assert air_instant(date(2027, 3, 27), time(22, 0), "Asia/Seoul").astimezone(UTC) == datetime(
        2027, 3, 27, 13, 0, tzinfo=UTC
    )


def test_hours_after_airing_are_real_hours_on_the_night_the_clocks_change():
    # 1:00 in Berlin on 28 March 2027; two real hours later the wall clock says 4:00.
    airs = air_instant(date(2027, 3, 28), time(1, 0), "Europe/Berlin")
    later = after(airs, timedelta(hours=2))
    assert later.astimezone(UTC) - airs.astimezone(UTC) == timedelta(hours=2)
    assert later.hour == 4


def test_no_release_time_no_instant_and_the_air_date_places_it_on_the_desk():
    assert air_instant(date(2027, 1, 1), None, "UTC") is None
    assert after(None, timedelta(hours=2)) is None
    assert desk_day(None, date(2027, 1, 1), "UTC") == date(2027, 1, 1)


def test_the_desk_day_is_the_day_in_the_desks_zone():
    airs = air_instant(date(2027, 3, 8), time(21, 0), "America/New_York")
    assert desk_day(airs, date(2027, 3, 8), "Europe/London") == date(2027, 3, 9)


def test_offsets_read_as_people_say_them():
    assert offset_text(timedelta(hours=2)) == "2 h"
    assert offset_text(timedelta(hours=1, minutes=30)) == "1 h 30 min"
    assert offset_text(timedelta(0)) == "0 min"
    assert offset_text(timedelta(days=1, hours=2)) == "1 day 2 h"
