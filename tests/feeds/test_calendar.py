"""The per-show iCalendar feed, parsed back with icalendar the way a calendar app reads it."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.sites.models import Site
from icalendar import Calendar
from model_bakery import baker

from feeds.calendar import OPEN_ENDED_HORIZON, show_calendar

HUB = "http://testserver/shows/soundtrack-2/"


def events(calendar):
    return calendar.walk("VEVENT")


def fetch(client, slug):
    response = client.get(f"/shows/{slug}/calendar.ics")
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def test_soundtrack_2_has_one_event_per_release_in_india(client, soundtrack):
    _, calendar = fetch(client, "soundtrack-2")

    found = events(calendar)
    assert [str(event["SUMMARY"]) for event in found] == [
        "Soundtrack #2: Episodes 1–2",
        "Soundtrack #2: Episodes 3–4",
        "Soundtrack #2: Episodes 5–6",
    ]
    kolkata = ZoneInfo("Asia/Kolkata")
    assert [event.start for event in found] == [
        datetime(2023, 12, day, 13, 30, tzinfo=kolkata) for day in (6, 13, 20)
    ]
    assert found[0].start.astimezone(UTC) == datetime(2023, 12, 6, 8, 0, tzinfo=UTC)
    assert found[0]["DTSTART"].params["TZID"] == "Asia/Kolkata"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]


def test_events_carry_uid_duration_hub_url_and_stamp(client, soundtrack):
    _, calendar = fetch(client, "soundtrack-2")

    first = events(calendar)[0]
    domain = Site.objects.get_current().domain
    assert str(first["UID"]) == f"show-{soundtrack.pk}-episodes-1-2@{domain}"
    assert first.duration == timedelta(hours=1)
    assert str(first["URL"]) == HUB
    assert first["DTSTAMP"].dt == soundtrack.updated_at.replace(microsecond=0)


def test_uids_stay_the_same_when_the_release_day_moves(client, soundtrack):
    _, before = fetch(client, "soundtrack-2")
    soundtrack.release_weekdays = [3]
    soundtrack.save()
    _, after = fetch(client, "soundtrack-2")

    assert [str(e["UID"]) for e in events(before)] == [str(e["UID"]) for e in events(after)]
    assert events(after)[1].start.date() == date(2023, 12, 7)


def test_response_is_a_cacheable_calendar_file(client, soundtrack):
    response, calendar = fetch(client, "soundtrack-2")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="soundtrack-2.ics"'
    assert "public" in response["Cache-Control"]
    assert "s-maxage=3600" in response["Cache-Control"]
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Soundtrack #2 release days"


def test_the_body_is_the_same_on_every_request(client, soundtrack):
    first, _ = fetch(client, "soundtrack-2")
    second, _ = fetch(client, "soundtrack-2")
    assert first.content == second.content


def test_unknown_show_is_404(client, db):
    assert client.get("/shows/no-such-show/calendar.ics").status_code == 404


def test_post_is_refused(client, soundtrack):
    assert client.post("/shows/soundtrack-2/calendar.ics").status_code == 405


def test_show_without_premiere_has_no_events_yet(client, db):
    baker.make("shows.Show", title="Coming Soon", slug="coming-soon", premiere_date=None)
    _, calendar = fetch(client, "coming-soon")
    assert events(calendar) == []


def test_all_at_once_show_is_one_event(client, db):
    baker.make(
        "shows.Show",
        title="Binge",
        slug="binge",
        premiere_date=date(2024, 3, 1),
        planned_episode_count=8,
        all_at_once=True,
        release_time=time(3, 0),
        time_zone="America/Los_Angeles",
    )
    _, calendar = fetch(client, "binge")

    [event] = events(calendar)
    assert str(event["SUMMARY"]) == "Binge: all episodes"
    assert event.start == datetime(2024, 3, 1, 3, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_show_without_release_time_has_all_day_events(client, soundtrack):
    soundtrack.release_time = None
    soundtrack.save()
    _, calendar = fetch(client, "soundtrack-2")

    first = events(calendar)[0]
    assert first.start == date(2023, 12, 6)
    assert first.duration == timedelta(days=1)


def test_open_ended_show_lists_the_next_26_weeks(weekly_us_show):
    today = date(2025, 10, 28)
    calendar = show_calendar(weekly_us_show, HUB, "example.com", today)

    starts = [event.start.date() for event in events(calendar)]
    assert len(starts) == 26
    assert starts[0] == date(2025, 10, 30)
    assert starts[-1] <= today + OPEN_ENDED_HORIZON
    assert str(events(calendar)[0]["SUMMARY"]) == "Late Night: Episode 5"


def test_open_ended_show_events_keep_9_pm_across_dst(weekly_us_show):
    calendar = Calendar.from_ical(
        show_calendar(weekly_us_show, HUB, "example.com", date(2025, 10, 28)).to_ical()
    )

    before, after = events(calendar)[:2]
    assert (before.start.hour, after.start.hour) == (21, 21)
    assert before.start.astimezone(UTC).hour == 1
    assert after.start.astimezone(UTC).hour == 2
