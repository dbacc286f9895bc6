"""Each person's assignments as an iCalendar feed behind a signed, revocable link."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from desk import ics
from desk.models import Assignment

from .conftest import airing_show, client_of, episodes

pytestmark = pytest.mark.django_db


def feed(token):
    return Client().get(reverse("desk:assignments_ics", args=[token]))


def test_the_feed_lists_the_writers_assignments_with_air_and_due_times(writer, other_writer):
    show = airing_show("Feed Show", days_ago=1, zone="America/New_York")
    mine, theirs = episodes(show, [1, 2])
    Assignment.objects.create(episode=mine, writer=writer)
    Assignment.objects.create(episode=theirs, writer=other_writer)
    response = feed(ics.token_for(writer))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Write: Feed Show Episode 1 recap"]
    event = events[0]
    assert event["UID"] == f"desk-episode-{mine.pk}@testserver"
    assert event.DURATION.total_seconds() == 3 * 3600
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")


def test_a_new_link_revokes_the_old_one(writer):
    old = ics.token_for(writer)
    ics.rotate(writer)
    assert feed(old).status_code == 404
    assert feed(ics.token_for(writer)).status_code == 200


def test_the_desk_button_makes_a_new_link(writer):
    old = ics.token_for(writer)
    response = client_of(writer).post(reverse("admin:desk_assignment_calendar_key"))
    assert response.status_code == 302 and feed(old).status_code == 404


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "a" * 500,
        "<script>",
        "é",
        signing.dumps(["1", "key"], salt=ics.SALT),
        signing.dumps({"u": 1}, salt=ics.SALT),
        signing.dumps([1, "key"], salt="another.salt"),
    ],
    # Named, not shown: a signed value holds the time it was made, and pytest-xdist's workers
    # must collect the same test names.
    ids=["nonsense", "long", "script", "unicode", "pk-as-text", "a-dict", "another-salt"],
)
def test_bad_links_are_404(writer, token):
    assert feed(token).status_code == 404


def test_a_link_signed_with_another_users_number_finds_nothing(writer, other_writer):
    token = ics.token_for(writer)
    user_pk, key = signing.loads(token, salt=ics.SALT)
    forged = signing.dumps([other_writer.pk, key], salt=ics.SALT)
    assert feed(forged).status_code == 404
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert feed(tampered).status_code == 404


def test_an_inactive_users_link_stops_working(writer):
    token = ics.token_for(writer)
    writer.is_active = False
    writer.save()
    assert feed(token).status_code == 404
