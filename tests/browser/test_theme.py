"""The theme switch in Chromium: a chosen theme is painted from the first frame, whatever the
system prefers, and axe finds no contrast problem in it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIGHT_BACKGROUND = "rgb(251, 250, 248)"
DARK_BACKGROUND = "rgb(18, 18, 20)"


def background_at_first_paint(page):
    """The page's background once its HTML and blocking stylesheet are in, before any script
    or later resource could change it."""
    page.reload(wait_until="domcontentloaded")
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def choose(page, theme):
    """Press a theme button and wait for the page it comes back to (the same address)."""
    with page.expect_navigation():
        page.get_by_role("button", name=theme).click()


def test_a_chosen_dark_theme_is_painted_first_on_a_light_system(browser, live_server, screenshot):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(live_server.url + "/shows/")
    assert background_at_first_paint(page) == LIGHT_BACKGROUND

    choose(page, "Dark")
    assert background_at_first_paint(page) == DARK_BACKGROUND
    assert page.get_by_role("button", name="Dark").get_attribute("aria-pressed") == "true"
    screenshot(page, "theme-dark")
    contrast = [
        node["target"]
        for violation in Axe().run(page).response["violations"]
        if violation["id"] == "color-contrast"
        for node in violation["nodes"]
    ]
    assert contrast == []

    choose(page, "System")
    assert background_at_first_paint(page) == LIGHT_BACKGROUND
    context.close()
