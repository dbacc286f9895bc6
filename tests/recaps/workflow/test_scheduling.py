"""A scheduled recap goes live by itself at its publish time: with the clock frozen a minute
before, it is in none of the public places; a minute after, it is in all of them. No job runs
in between (the sitemap's page cache is emptied, as its expiry would)."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from people.models import Credit, Person
from recaps.models import Recap
from tests.recaps.workflow.conftest import make_ready_recap, published

GO_LIVE = datetime(2031, 3, 5, 12, 0, tzinfo=UTC)
SUBTITLE = "Quasar overture"


@pytest.fixture
def scheduled(users, episodes, soundtrack):
    person = Person.objects.create(name="Geum Sae-rok", slug="geum-sae-rok")
    Credit.objects.create(person=person, show=soundtrack, character_name="Do-hyun", role="lead")
    # Neighbours, so prev/next and Also Read have something to show.
    published(episodes[3], users["editor"], subtitle="An ordinary evening together")
    recap = make_ready_recap(
        episodes[4],
        users["writer"],
        status=Recap.Status.PUBLISHED,
        published_at=GO_LIVE,
        subtitle=SUBTITLE,
        slug="quasar-overture",
    )
    return {"recap": recap, "person": person, "show": soundtrack}


def public_pages(client, scheduled):
    urls = {
        "home": reverse("recaps:home"),
        "hub": scheduled["show"].get_absolute_url(),
        "tag": reverse("recaps:tag", args=["music"]),
        "person": scheduled["person"].get_absolute_url(),
        "search": reverse("search:results") + "?q=quasar",
        "rss": reverse("feeds:rss"),
        "show rss": reverse("feeds:show_rss", args=[scheduled["show"].slug]),
        "sitemap": reverse("feeds:sitemap"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    return pages


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_scheduled_recap_is_invisible_everywhere_before_its_time(client, scheduled):
    recap = scheduled["recap"]
    with at(GO_LIVE - timedelta(minutes=1)):
        assert recap.state == Recap.State.SCHEDULED
        assert client.get(recap.get_absolute_url()).status_code == 404
        for name, html in public_pages(client, scheduled).items():
            assert SUBTITLE not in html, name
            assert recap.get_absolute_url() not in html, name


def test_scheduled_recap_is_visible_everywhere_after_its_time_with_no_job_run(client, scheduled):
    recap = scheduled["recap"]
    with at(GO_LIVE - timedelta(minutes=1)):
        public_pages(client, scheduled)  # fills the sitemap's page cache
    cache.clear()  # the sitemap's cache expires; nothing else happens in between
    with at(GO_LIVE + timedelta(minutes=1)):
        assert Recap.objects.get(pk=recap.pk).state == Recap.State.PUBLISHED
        assert client.get(recap.get_absolute_url()).status_code == 200
        for name, html in public_pages(client, scheduled).items():
            assert SUBTITLE in html or recap.get_absolute_url() in html, name


def test_schedule_button_sets_the_time_and_the_dashboard_lists_it(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status=Recap.Status.IN_REVIEW)
    client.force_login(users["editor"])
    response = client.post(
        reverse("admin:recaps_recap_transition", args=[recap.pk, "schedule"]),
        {"publish_time": "2031-03-05T12:00"},
    )
    assert response.status_code == 302
    recap.refresh_from_db()
    assert (recap.status, recap.published_at, recap.state) == ("published", GO_LIVE, "scheduled")
    move = recap.transitions.get()
    assert (move.user, move.from_state) == (users["editor"], "in_review")
    assert move.to_state == "scheduled"
    index = client.get(reverse("admin:index")).content.decode()
    assert "Scheduled" in index and recap.headline in index and "5 Mar, 12:00" in index


@pytest.mark.parametrize(
    "when", ["", "tomorrow", "2001-01-01T10:00", "2031-13-45T10:00", "x" * 5000]
)
def test_schedule_refuses_a_missing_or_past_time_and_changes_nothing(client, users, episodes, when):
    recap = make_ready_recap(episodes[4], users["writer"], status=Recap.Status.IN_REVIEW)
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_transition", args=[recap.pk, "schedule"])
    response = client.post(url, {"publish_time": when}, follow=True)
    assert "A schedule needs a publish time in the future." in response.content.decode()
    recap.refresh_from_db()
    assert recap.status == Recap.Status.IN_REVIEW and not recap.transitions.exists()


def test_a_schedule_is_read_in_the_newsroom_zone(client, users, episodes, settings):
    settings.TIME_ZONE = "America/New_York"
    recap = make_ready_recap(episodes[4], users["writer"], status=Recap.Status.IN_REVIEW)
    client.force_login(users["editor"])
    page = client.get(reverse("admin:recaps_recap_change", args=[recap.pk])).content.decode()
    assert "Publish time (America/New_York)" in page

    client.post(
        reverse("admin:recaps_recap_transition", args=[recap.pk, "schedule"]),
        {"publish_time": "2031-03-05T07:00"},
    )
    recap.refresh_from_db()
    # 7:00 AM Eastern Standard Time is noon UTC.
    assert recap.published_at == GO_LIVE
