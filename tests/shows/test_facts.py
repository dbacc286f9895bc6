from datetime import date, time

from shows.facts import (
    cast_line,
    format_date,
    format_time,
    join_names,
    last_seen_in,
    run_line,
    schedule_line,
    zone_abbreviation,
)
from shows.schedule import ReleaseSchedule
from tests.shows.schedules import SOUNDTRACK_2

START, END = date(2023, 12, 6), date(2023, 12, 20)


def test_join_names_one():
    assert join_names(["A"]) == "A"


def test_join_names_two():
    assert join_names(["A", "B"]) == "A and B"


def test_join_names_three_without_oxford_comma():
    assert join_names(["A", "B", "C"]) == "A, B and C"


def test_join_names_none():
    assert join_names([]) == ""


def test_format_date_has_no_leading_zero():
    assert format_date(date(2023, 12, 6)) == "December 6, 2023"


def test_format_time_afternoon():
    assert format_time(time(13, 30)) == "1:30 PM"


def test_format_time_evening():
    assert format_time(time(21, 0)) == "9:00 PM"


def test_format_time_noon():
    assert format_time(time(12, 0)) == "12:00 PM"


def test_format_time_midnight():
    assert format_time(time(0, 5)) == "12:05 AM"


def test_zone_abbreviation_india():
    assert zone_abbreviation("Asia/Kolkata", date(2023, 12, 6), time(13, 30)) == "IST"


def test_zone_abbreviation_korea():
    assert zone_abbreviation("Asia/Seoul", date(2023, 12, 6), time(21, 10)) == "KST"


def test_zone_abbreviation_new_york_follows_dst():
    assert zone_abbreviation("America/New_York", date(2023, 7, 1), time(21, 0)) == "EDT"
    assert zone_abbreviation("America/New_York", date(2023, 12, 1), time(21, 0)) == "EST"


def test_zone_abbreviation_numeric_gets_utc_prefix():
    assert zone_abbreviation("Asia/Bangkok", date(2023, 12, 6), None) == "UTC+07"


def test_cast_line_leads_and_supporting():
    line = cast_line("Soundtrack #2", ["Geum Sae-rok", "Steve Noh"], [("Demian", "K-pop artist")])
    assert line == (
        "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles, "
        "along with K-pop artist Demian."
    )


def test_cast_line_one_lead():
    assert cast_line("Show", ["X"], []) == "Show stars X in the lead role."


def test_cast_line_supporting_without_description():
    line = cast_line("Show", ["X"], [("Y", ""), ("Z", "actor")])
    assert line == "Show stars X in the lead role, along with Y and actor Z."


def test_cast_line_only_supporting():
    assert cast_line("Show", [], [("Y", "")]) == "The cast of Show includes Y."


def test_cast_line_nothing_known():
    assert cast_line("Show", [], []) == ""


def test_last_seen_in_newest_first():
    earlier = [
        ("Joseon Exorcist", date(2021, 3, 22)),
        ("The Interest of Love", date(2022, 12, 21)),
        ("Youth of May", date(2021, 5, 3)),
    ]
    assert last_seen_in("Geum Sae-rok", earlier, date(2023, 12, 6)) == (
        "Geum Sae-rok was last seen in The Interest of Love, Youth of May and Joseon Exorcist."
    )


def test_last_seen_in_drops_later_and_undated_credits():
    earlier = [("Later", date(2024, 1, 1)), ("Undated", None), ("Old", date(2020, 1, 1))]
    assert last_seen_in("X", earlier, date(2023, 12, 6)) == "X was last seen in Old."


def test_last_seen_in_excludes_same_day_premiere():
    assert last_seen_in("X", [("Same", date(2023, 12, 6))], date(2023, 12, 6)) == ""


def test_last_seen_in_without_before_keeps_all_dated():
    earlier = [("A", date(2030, 1, 1)), ("B", None)]
    assert last_seen_in("X", earlier, None) == "X was last seen in A."


def test_last_seen_in_respects_limit():
    earlier = [(f"S{year}", date(year, 1, 1)) for year in range(2010, 2020)]
    assert last_seen_in("X", earlier, None, limit=2) == "X was last seen in S2019 and S2018."


def test_last_seen_in_deduplicates_titles():
    earlier = [("A", date(2020, 1, 1)), ("A", date(2021, 1, 1)), ("B", date(2019, 1, 1))]
    assert last_seen_in("X", earlier, None) == "X was last seen in A and B."


def test_last_seen_in_none():
    assert last_seen_in("X", [], None) == ""


def test_run_line_before_start_will_stream():
    assert run_line("Soundtrack #2", ["Disney+"], START, END, date(2023, 12, 1)) == (
        "Soundtrack #2 will stream on Disney+ from December 6, 2023, to December 20, 2023."
    )


def test_run_line_during_run_is_streaming():
    assert run_line("Soundtrack #2", ["Disney+"], START, END, date(2023, 12, 10)) == (
        "Soundtrack #2 is streaming on Disney+ from December 6, 2023, until December 20, 2023."
    )


def test_run_line_after_end_streamed():
    assert run_line("Soundtrack #2", ["Disney+"], START, END, date(2024, 1, 5)) == (
        "Soundtrack #2 streamed on Disney+ from December 6, 2023, to December 20, 2023."
    )


def test_run_line_is_streaming_on_first_and_last_day():
    assert "is streaming" in run_line("S", ["Disney+"], START, END, START)
    assert "is streaming" in run_line("S", ["Disney+"], START, END, END)


def test_run_line_open_ended_future():
    assert run_line("Soundtrack #2", ["Disney+"], START, None, date(2023, 12, 1)) == (
        "Soundtrack #2 will stream on Disney+ from December 6, 2023."
    )


def test_run_line_open_ended_started():
    assert run_line("Soundtrack #2", ["Disney+"], START, None, date(2023, 12, 10)) == (
        "Soundtrack #2 has been streaming on Disney+ since December 6, 2023."
    )


def test_run_line_without_platforms():
    assert run_line("S", [], START, END, date(2024, 1, 5)) == (
        "S streamed from December 6, 2023, to December 20, 2023."
    )


def test_run_line_several_platforms():
    line = run_line("S", ["Disney+", "Hulu"], START, END, date(2024, 1, 5))
    assert line.startswith("S streamed on Disney+ and Hulu from")


def test_run_line_without_start_is_empty():
    assert run_line("S", ["Disney+"], None, END, date(2024, 1, 5)) == ""


def test_schedule_line_soundtrack_2():
    assert schedule_line(SOUNDTRACK_2, date(2023, 12, 10)) == (
        "6 episodes; two are released every Wednesday at 1:30 PM IST."
    )


def test_schedule_line_after_finale_is_past_tense():
    assert schedule_line(SOUNDTRACK_2, date(2024, 1, 5)) == (
        "6 episodes; two were released every Wednesday at 1:30 PM IST."
    )


def test_schedule_line_one_per_release_on_two_days():
    schedule = ReleaseSchedule(
        premiere=date(2024, 1, 6),
        weekdays=(5, 6),
        release_time=time(21, 10),
        time_zone="Asia/Seoul",
        episode_count=16,
    )
    assert schedule_line(schedule, date(2024, 1, 1)) == (
        "16 episodes; one is released every Saturday and Sunday at 9:10 PM KST."
    )


def test_schedule_line_unknown_count_two_per_release():
    schedule = ReleaseSchedule(
        premiere=date(2023, 12, 6),
        weekdays=(2,),
        episodes_per_release=2,
        release_time=time(13, 30),
        time_zone="Asia/Kolkata",
    )
    assert schedule_line(schedule, date(2024, 6, 1)) == (
        "Two episodes are released every Wednesday at 1:30 PM IST."
    )


def test_schedule_line_unknown_count_one_per_release():
    schedule = ReleaseSchedule(premiere=date(2023, 12, 6))
    assert schedule_line(schedule, date(2023, 12, 1)) == (
        "One episode is released every Wednesday."
    )


def test_schedule_line_without_release_time():
    schedule = ReleaseSchedule(premiere=date(2023, 12, 6), episodes_per_release=2, episode_count=6)
    assert schedule_line(schedule, date(2023, 12, 1)) == (
        "6 episodes; two are released every Wednesday."
    )


def test_schedule_line_all_at_once():
    schedule = ReleaseSchedule(premiere=date(2024, 3, 1), all_at_once=True, episode_count=8)
    assert schedule_line(schedule, date(2024, 2, 1)) == (
        "8 episodes, all released at once on March 1, 2024."
    )


def test_schedule_line_all_at_once_unchanged_after_release():
    schedule = ReleaseSchedule(premiere=date(2024, 3, 1), all_at_once=True, episode_count=8)
    assert schedule_line(schedule, date(2024, 5, 1)) == (
        "8 episodes, all released at once on March 1, 2024."
    )


def test_schedule_line_count_words_stop_at_twelve():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 3), episodes_per_release=13)
    assert schedule_line(schedule, date(2024, 1, 1)).startswith("13 episodes are released")


def test_schedule_line_zone_at_next_release_across_dst():
    schedule = ReleaseSchedule(
        premiere=date(2023, 10, 29),
        release_time=time(21, 0),
        time_zone="America/New_York",
        episode_count=3,
    )
    assert schedule_line(schedule, date(2023, 10, 20)).endswith("9:00 PM EDT.")
    assert schedule_line(schedule, date(2023, 10, 30)).endswith("9:00 PM EST.")
    assert schedule_line(schedule, date(2023, 12, 1)).endswith("9:00 PM EST.")


def test_schedule_line_empty_weekdays_uses_premiere_weekday():
    schedule = ReleaseSchedule(premiere=date(2024, 1, 6), episode_count=2)
    assert schedule_line(schedule, date(2024, 1, 1)) == (
        "2 episodes; one is released every Saturday."
    )


def test_schedule_line_all_at_once_unknown_count():
    schedule = ReleaseSchedule(premiere=date(2024, 3, 1), all_at_once=True)
    assert schedule_line(schedule, date(2024, 5, 1)) == (
        "All episodes were released at once on March 1, 2024."
    )
