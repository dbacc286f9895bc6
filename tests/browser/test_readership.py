"""What readers read, in Chromium on the demo: opening a recap from the home page sends exactly
one beacon and sets no cookie; once the hour's counts are flushed the home page shows "Most read
this week"; an editor sees the views report with its chart. Both are looked at at 390 and
1280 px (docs/screenshots/most-read-*.png, views-admin-*.png)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from readership import counting
from readership.models import DailyViews
from readership.tasks import flush_views
from recaps.models import Recap
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium names itself in its user agent and would be left out as a robot.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)


@pytest.fixture
def reader_page(browser):
    counting.pending.take()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, user_agent=READER_AGENT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_read_recap_is_counted_once_shows_in_most_read_and_in_the_editors_report(
    reader_page, page, demo_site, artifacts
):
    """One test, so the demo is loaded once."""
    a_recap_read_sends_one_beacon_and_shows_in_most_read(reader_page, demo_site)
    an_editor_sees_views_per_day_per_show_writer_and_referrer(page, demo_site)


def a_recap_read_sends_one_beacon_and_shows_in_most_read(page, demo_site):
    recap = Recap.objects.published().select_related("episode__show").first()
    beacons = []
    page.on("request", lambda request: "/views/" in request.url and beacons.append(request))
    with page.expect_response(lambda response: "/views/" in response.url) as answered:
        page.goto(demo_site + recap.get_absolute_url(), referer=demo_site + "/")
    assert answered.value.status == 204
    page.wait_for_timeout(300)  # a second beacon would have gone by now
    assert len(beacons) == 1
    assert beacons[0].method == "POST"
    assert beacons[0].post_data == f"recap={recap.pk}&from=localhost"
    assert page.context.cookies() == []

    assert flush_views.call()["added"] == 1
    page.goto(demo_site + "/")
    block = page.locator("section.most-read")
    assert "Most read this week" in block.text_content()
    assert block.get_by_role("link").first.get_attribute("href") == recap.get_absolute_url()
    assert len(beacons) == 1  # the home page sends none
    page.set_viewport_size({"width": 1280, "height": 900})
    block.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "most-read-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    block.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "most-read-390.png"))


def an_editor_sees_views_per_day_per_show_writer_and_referrer(page, demo_site):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-123")
    today = timezone.localdate()
    recaps = list(Recap.objects.published()[:4])
    for days_ago in range(30):
        for rank, recap in enumerate(recaps):
            for referrer in ("google.com", "t.co", ""):
                DailyViews.objects.create(
                    recap=recap,
                    day=today - timedelta(days=days_ago),
                    referrer=referrer,
                    views=(days_ago * 7 + rank * 13) % 40 + 5 * (4 - rank),
                )
    page.goto(f"{demo_site}/admin/login/?next=/admin/readership/dailyviews/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    chart = page.get_by_role("img", name="Views per day")
    assert chart.locator("rect").count() == 30
    for heading in ("Most read recaps", "Per show", "Per writer", "Referring sites"):
        assert page.get_by_role("heading", name=heading).is_visible()
    page.screenshot(path=str(ARTIFACTS / "views-admin-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "views-admin-390.png"), full_page=True)
    page.get_by_role("link", name=str(recaps[0].episode.show.title)).first.click()
    assert page.get_by_role("img", name="Views per day").locator("rect").count() == 30
