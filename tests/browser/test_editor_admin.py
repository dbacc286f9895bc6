"""An editor builds a show, an episode guide and a recap with a still, in a real browser."""

import pytest
from django.contrib.auth import get_user_model

from recaps.models import Recap, Still
from shows.models import Episode, Show
from tests import images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_login(live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-123")
    return live_server.url


def log_in(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_editor_creates_show_with_episodes_then_a_recap_with_a_still(
    page, editor_login, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    base_url = editor_login
    log_in(page, base_url)

    page.goto(f"{base_url}/admin/shows/show/add/")
    page.locator("#id_title").press_sequentially("Soundtrack #2")
    assert page.input_value("#id_slug") == "soundtrack-2"
    page.fill("#id_premiere_date", "2023-12-06")
    page.fill("#id_planned_episode_count", "6")
    page.check("#id_release_weekdays_2")
    page.fill("#id_episodes_per_release", "2")
    page.fill("#id_release_time", "13:30")
    page.fill("#id_time_zone", "Asia/Kolkata")
    page.click("#episodes-group .add-row a")
    page.fill("#id_episodes-0-number", "4")
    page.fill("#id_episodes-0-title", "Bubbling Feelings")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "admin-show-change")

    show = Show.objects.get(slug="soundtrack-2")
    episode = Episode.objects.get(show=show, number=4)
    assert episode.air_date.isoformat() == "2023-12-13"
    assert "2023-12-13" in page.inner_text("#episodes-group")

    page.goto(f"{base_url}/admin/recaps/recap/add/")
    page.click("#id_episode + .select2")
    page.fill(".select2-search__field", "Soundtrack")
    page.click(".select2-results__option >> text=Soundtrack #2 Episode 4")
    page.locator("#id_subtitle").press_sequentially("Old Feelings Come Back")
    assert page.input_value("#id_slug") == "old-feelings-come-back"
    intro_editor = page.locator(".field-intro [contenteditable=true]")
    intro_editor.click()
    intro_editor.press_sequentially("Su-ho and Hyeon-seo share a roof again.")
    page.click("#stills-group .add-row a")
    page.set_input_files(
        "#id_stills-0-image",
        {"name": "still.png", "mimeType": "image/png", "buffer": images.png_bytes(320, 180)},
    )
    page.fill("#id_stills-0-alt_text", "Two people share an umbrella in the rain")
    page.fill("#id_stills-0-caption", "Still from Soundtrack #2 Episode 4")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "admin-recap-change")

    recap = Recap.objects.get(slug="old-feelings-come-back")
    assert recap.status == Recap.Status.DRAFT
    assert recap.intro == "<p>Su-ho and Hyeon-seo share a roof again.</p>"
    assert recap.headline == "Soundtrack #2 Episode 4 Recap and Review: Old Feelings Come Back"
    still = Still.objects.get(recap=recap)
    assert (still.width, still.height) == (320, 180)
    assert page.locator("#stills-group img[src*='renditions']").count() == 1
