"""Release times as readers see them on the hub and the iCalendar feed, with the clock stopped
at chosen moments: Soundtrack #2 in India's zone, a show out on two weekdays, and a weekly US
show whose release crosses the end of daylight saving time in November (its calendar feed
across the same change: tests/feeds/test_calendar.py)."""

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from model_bakery import baker

pytestmark = pytest.mark.django_db


def hub(client, show):
    return client.get(reverse("shows:detail", kwargs={"slug": show.slug})).content.decode()


def utc_times(html):
    """The UTC instants the page hands to the script that rewrites them for the reader."""
    return re.findall(r'<time datetime="([^"]+)" data-show-zone=', html)


@pytest.fixture
def monday_tuesday(db):
    return baker.make(
        "shows.Show",
        title="Twice Weekly",
        slug="twice-weekly",
        premiere_date=datetime(2024, 1, 8).date(),
        planned_episode_count=16,
        release_weekdays=[0, 1],
        release_time=time(20, 50),
        time_zone="Asia/Seoul",
    )


@time_machine.travel(datetime(2023, 12, 11, 6, 0, tzinfo=UTC), tick=False)
def test_soundtrack_2_in_indias_zone_two_days_before_episodes_3_and_4(client, soundtrack):
    html = hub(client, soundtrack)
    assert (
        "<strong>Next:</strong> Episodes 3–4, "
        '<time datetime="2023-12-13T13:30:00+05:30">Wednesday 13 December at 1:30 PM IST</time>'
    ) in html
    assert "— in 2 days</p>" in html
    assert utc_times(html) == ["2023-12-13T08:00:00Z", "2023-12-13T08:00:00Z"]
    assert "08:00 UTC" in html


@time_machine.travel(datetime(2023, 12, 13, 7, 59, tzinfo=UTC), tick=False)
def test_soundtrack_2_on_release_morning_says_today(client, soundtrack):
    assert "Wednesday 13 December at 1:30 PM IST</time>" in hub(client, soundtrack)
    assert "— today</p>" in hub(client, soundtrack)


@time_machine.travel(datetime(2023, 12, 13, 8, 0, tzinfo=UTC), tick=False)
def test_once_episodes_3_and_4_are_out_the_finale_is_next(client, soundtrack):
    html = hub(client, soundtrack)
    assert "Episodes 5–6, " in html
    assert "Wednesday 20 December at 1:30 PM IST" in html
    assert "— in 7 days</p>" in html


@pytest.mark.parametrize(
    ("moment", "episode", "day", "when"),
    [
        # Monday 8 January 2024, before the premiere's 8:50 PM in Seoul.
        (datetime(2024, 1, 8, 9, 0, tzinfo=UTC), "Episode 1", "Monday 8 January", "today"),
        # After Monday's episode: Tuesday's is tomorrow.
        (datetime(2024, 1, 8, 12, 0, tzinfo=UTC), "Episode 2", "Tuesday 9 January", "tomorrow"),
        # After Tuesday's: the next is Monday, six days on.
        (datetime(2024, 1, 9, 12, 0, tzinfo=UTC), "Episode 3", "Monday 15 January", "in 6 days"),
    ],
)
def test_a_show_out_on_two_weekdays(client, monday_tuesday, moment, episode, day, when):
    with time_machine.travel(moment, tick=False):
        html = hub(client, monday_tuesday)
    assert f"<strong>Next:</strong> {episode}, " in html
    assert f"{day} at 8:50 PM KST</time>" in html
    assert f"— {when}</p>" in html


def test_a_us_show_across_the_end_of_daylight_saving_time(client, weekly_us_show):
    # Friday 31 October 2025, noon in New York: DST still on, it ends on Sunday 2 November.
    with time_machine.travel(datetime(2025, 10, 31, 16, 0, tzinfo=UTC), tick=False):
        html = hub(client, weekly_us_show)
    assert "Thursday 6 November at 9:00 PM EST</time>" in html
    # Six calendar days in New York, though the wait is 6 days and 10 hours of real time.
    assert "— in 6 days</p>" in html
    assert utc_times(html)[-1] == "2025-11-07T02:00:00Z"

    # A reader in London: 1:00 AM on Fridays while New York keeps summer time, 2:00 AM after.
    with time_machine.travel(datetime(2025, 10, 28, 16, 0, tzinfo=UTC), tick=False):
        before = utc_times(hub(client, weekly_us_show))[-1]
    assert before == "2025-10-31T01:00:00Z"
    london = ZoneInfo("Europe/London")
    in_london = [
        datetime.fromisoformat(moment).astimezone(london).strftime("%A %H:%M %Z")
        for moment in (before, "2025-11-07T02:00:00Z")
    ]
    assert in_london == ["Friday 01:00 GMT", "Friday 02:00 GMT"]
