"""Soundtrack #2's release time on the reader's own clock: named by zone in Berlin, left out in
India where the show's own time already is the reader's."""

import pytest
from model_bakery import baker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hub_url(live_server):
    show = baker.make(
        "shows.Show",
        title="Soundtrack #2",
        slug="soundtrack-2",
        premiere_date="2023-12-06",
        planned_episode_count=6,
        release_weekdays=[2],
        release_time="13:30",
        time_zone="Asia/Kolkata",
        episodes_per_release=2,
    )
    return live_server.url + show.get_absolute_url()


def test_release_time_is_rewritten_into_the_readers_zone(browser, hub_url):
    context = browser.new_context(timezone_id="Europe/Berlin")
    try:
        page = context.new_page()
        page.goto(hub_url)
        # 08:00 UTC on Wednesday 20 December 2023 (the finale) is 9:00 AM in Berlin.
        reader_time = page.locator('.facts time[datetime="2023-12-20T08:00:00Z"]')
        text = reader_time.inner_text().replace("\u202f", " ")
        assert text == "9:00 AM your time, CET"
        assert page.locator(".facts").inner_text().count("1:30 PM IST") == 1
    finally:
        context.close()


def test_a_reader_in_the_shows_zone_sees_no_second_time(browser, hub_url):
    context = browser.new_context(timezone_id="Asia/Kolkata")
    try:
        page = context.new_page()
        page.goto(hub_url)
        assert page.locator(".facts .reader-time").is_hidden()
    finally:
        context.close()
