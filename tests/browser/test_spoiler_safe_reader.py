"""A reader who is two episodes into Soundtrack #2, in Chromium with the demo content: marks
episode 2 on the hub, finds later episodes masked on the hub and the home page, opens a masked
recap, meets the spoiler warning and reveals it; switches to the dark theme, which survives a
reload; rates the episode and sees the count change."""

import pytest

from recaps.models import Recap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUB = "/shows/soundtrack-2/"
HIDDEN = "recap hidden until you've watched it"


def headline(number):
    return (
        Recap.objects.published()
        .get(episode__show__slug="soundtrack-2", episode__number=number)
        .headline
    )


def guide_row(page, number):
    return page.locator(f"#episode-{number}")


def background_of(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_a_reader_marks_episode_2_and_reads_on_without_spoilers(reader, demo_site, screenshot):
    fourth = headline(4)
    reader.set_viewport_size({"width": 390, "height": 900})

    reader.goto(demo_site + HUB)
    assert "Read the recap" in guide_row(reader, 4).inner_text()
    reader.get_by_label("I've watched up to episode").select_option("2")
    # Each form and link below loads a new page: wait for it before reading the page.
    with reader.expect_navigation():
        reader.get_by_role("button", name="Save").click()
    assert "You've marked episode 2 as watched" in reader.locator(".watched").inner_text()
    for number in (1, 2):
        assert HIDDEN not in guide_row(reader, number).inner_text()
    for number in (3, 4, 5, 6):
        assert f"Episode {number} — {HIDDEN}" in guide_row(reader, number).inner_text()
    screenshot(reader, "spoilers-hub-masked-390")

    reader.goto(demo_site + "/")
    cards = reader.locator(".card--masked")
    assert cards.count() == 4
    assert fourth not in reader.content()
    assert headline(2) in reader.content()

    with reader.expect_navigation():
        reader.get_by_role("link", name=f"Episode 4 — {HIDDEN}").first.click()
    assert reader.locator("h1").inner_text() == "Spoiler warning"
    assert (
        "This recap covers episode 4; you marked episode 2" in reader.locator("main").inner_text()
    )
    assert fourth not in reader.content()
    screenshot(reader, "spoilers-warning-390")

    with reader.expect_navigation():
        reader.get_by_role("link", name="Show it anyway").click()
    assert reader.locator("h1").inner_text() == fourth

    light = background_of(reader)
    with reader.expect_navigation():
        reader.get_by_role("button", name="Dark").click()
    reader.reload()
    assert reader.locator("html").get_attribute("data-theme") == "dark"
    assert reader.get_by_role("button", name="Dark").get_attribute("aria-pressed") == "true"
    assert background_of(reader) != light

    rating = reader.locator("#reader-rating")
    assert "No reader ratings yet" in rating.inner_text()
    rating.get_by_role("button", name="8 out of 10").click()
    rating.get_by_text("You rated this episode 8").wait_for()
    assert "8.0 from 1 reader" in rating.inner_text()
    # After the vote the reader is still on the recap they chose to see, not the warning.
    assert reader.locator("h1").inner_text() == fourth
