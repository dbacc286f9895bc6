"""Release times on the hub and the recap page: the show's zone, UTC for the script to turn
into the reader's, the "Next:" line while a show airs and the calendar link."""

import re
from datetime import time, timedelta

import pytest
from model_bakery import baker

from demo import factories
from recaps.models import Recap
from shows.facts import MONTHS, WEEKDAYS


@pytest.fixture
def airing(db):
    """A show in India's zone that premiered a week ago; its next release (episodes 5 and 6)
    is two days from today there, whatever today is."""
    show = baker.make(
        "shows.Show",
        title="Airing Now",
        slug="airing-now",
        time_zone="Asia/Kolkata",
        release_time=time(13, 30),
        episodes_per_release=2,
        planned_episode_count=8,
    )
    today = show.local_today()
    show.premiere_date = today - timedelta(days=7)
    show.release_weekdays = [(today + timedelta(days=2)).weekday()]
    show.save()
    return show


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(username="writer", password="x")


def next_day_text(show):
    day = show.local_today() + timedelta(days=2)
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}", day


def test_hub_says_what_comes_next_in_the_shows_zone(client, airing):
    html = client.get(airing.get_absolute_url()).content.decode()

    text, day = next_day_text(airing)
    assert (
        f'<strong>Next:</strong> Episodes 5–6, <time datetime="{day.isoformat()}T13:30:00+05:30">'
        f"{text} at 1:30 PM IST</time>"
    ) in html
    assert "— in 2 days</p>" in html


def test_hub_gives_the_next_release_in_utc_for_the_script(client, airing):
    html = client.get(airing.get_absolute_url()).content.decode()

    _, day = next_day_text(airing)
    reader_time = (
        f'<span class="reader-time"> (<time datetime="{day.isoformat()}T08:00:00Z" '
        'data-show-zone="Asia/Kolkata">08:00 UTC</time>)</span>'
    )
    # Once in the "Next:" line, once in the schedule sentence before its full stop.
    assert html.count(reader_time) == 2
    assert f"released every {WEEKDAYS[day.weekday()]} at 1:30 PM IST{reader_time}." in html


def test_hub_links_the_calendar(client, airing):
    html = client.get(airing.get_absolute_url()).content.decode()
    assert '<a href="/shows/airing-now/calendar.ics">Add to your calendar' in html
    assert (
        '<link rel="alternate" type="text/calendar" title="Airing Now release days" '
        'href="/shows/airing-now/calendar.ics">'
    ) in html


def test_hub_of_a_finished_show_has_no_next_line(client, soundtrack):
    html = client.get(soundtrack.get_absolute_url()).content.decode()
    assert "Next:" not in html
    assert 'datetime="2023-12-20T08:00:00Z"' in html


def test_hub_without_a_schedule_has_no_calendar_link_or_times(client, db):
    show = baker.make("shows.Show", title="Someday", slug="someday", premiere_date=None)
    html = client.get(show.get_absolute_url()).content.decode()
    assert "calendar.ics" not in html
    assert "reader-time" not in html


def test_only_the_latest_published_recap_says_what_comes_next(client, airing, author):
    first = factories.recap(airing, 1, author)
    latest = factories.recap(airing, 3, author)
    # Neither a draft nor a recap scheduled for later counts as published.
    factories.draft(airing, 5, author)
    factories.scheduled(airing, 6, author)

    assert "Next:" not in client.get(first.get_absolute_url()).content.decode()
    html = client.get(latest.get_absolute_url()).content.decode()
    assert re.search(r"<strong>Next:</strong> Episodes 5–6, .*— in 2 days</p>", html)


def test_the_latest_recap_of_a_finished_show_has_no_next_line(client, soundtrack, author):
    recap = factories.recap(soundtrack, 6, author)
    assert Recap.objects.published().count() == 1
    assert "Next:" not in client.get(recap.get_absolute_url()).content.decode()
