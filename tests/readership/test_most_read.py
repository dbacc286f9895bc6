""" "Most read this week" on the home page and each show's hub: published recaps only, the
week's views, a fixed number of queries, kept in the page cache until the hourly run purges it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.factories import make_episode, make_recap, make_show
from readership.models import DailyViews
from readership.tasks import flush_views

pytestmark = pytest.mark.django_db


def read(recap, views, days_ago=0, referrer=""):
    DailyViews.objects.create(
        recap=recap,
        day=timezone.localdate() - timedelta(days=days_ago),
        referrer=referrer,
        views=views,
    )


def most_read_titles(html):
    block = html.split('id="most-read-heading"', 1)[1].split("</section>", 1)[0]
    return [part.split("</a>", 1)[0].rsplit(": ", 1)[-1] for part in block.split("<a ")[1:]]


@pytest.fixture
def shows():
    """Two shows of six recaps, each read as often as its number, and a draft read most."""
    made = []
    for title in ("Alpha", "Beta"):
        show = make_show(title=title)
        for number in range(1, 7):
            recap = make_recap(make_episode(show, number), subtitle=f"{title} {number}")
            read(recap, number * (10 if title == "Beta" else 1), referrer="t.co")
            read(recap, 1, days_ago=2)
        made.append(show)
    draft = make_recap(make_episode(made[0], 7), published=False, subtitle="Draft")
    read(draft, 10_000)
    return made


def test_the_home_page_lists_the_weeks_most_read_published_recaps(client, shows):
    html = client.get("/").content.decode()
    assert most_read_titles(html) == ["Beta 6", "Beta 5", "Beta 4", "Beta 3", "Beta 2"]
    assert "Draft" not in html


def test_views_older_than_a_week_do_not_count(client, shows):
    alpha_first = shows[0].episodes.get(number=1).recaps.get()
    read(alpha_first, 5_000, days_ago=7)
    assert "Alpha 1" not in most_read_titles(client.get("/").content.decode())
    read(alpha_first, 5_000, days_ago=6)
    flush_views.call()
    assert most_read_titles(client.get("/").content.decode())[0] == "Alpha 1"


def test_each_hub_lists_its_own_shows_most_read(client, shows):
    html = client.get(shows[0].get_absolute_url()).content.decode()
    assert most_read_titles(html) == ["Alpha 6", "Alpha 5", "Alpha 4", "Alpha 3", "Alpha 2"]


def test_no_block_without_views(client, db):
    assert "Most read this week" not in client.get("/").content.decode()


def test_the_block_is_one_query_whatever_the_number_of_recaps_read(
    client, shows, django_assert_num_queries
):
    """At 12 recaps read and at 24: the same count (one aggregate query for the block)."""
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for number in range(7, 19):
        read(make_recap(make_episode(shows[1], number)), 1)
    cache.clear()
    with django_assert_num_queries(len(few)):
        client.get("/")


def test_the_hourly_run_purges_the_cached_lists(client, shows, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/")
    assert "Beta 6" in first.content.decode()
    assert "most-read" in first["Cache-Tag"].split(",")
    read(shows[0].episodes.get(number=1).recaps.get(), 9_999)
    assert "Alpha 1" not in most_read_titles(client.get("/").content.decode())
    flush_views.call()
    assert most_read_titles(client.get("/").content.decode())[0] == "Alpha 1"
