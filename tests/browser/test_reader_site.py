"""A reader's path through the public site in Chromium, with the demo content: home, a show hub,
a recap, Also Read, Back to top; search; every page kind photographed at phone and desktop width
and checked with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.pages import PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scrolled_to_top(page, seconds=5):
    # wait_for_function evaluates a string in the page, which our CSP (no unsafe-eval) forbids.
    for _ in range(seconds * 10):
        if page.evaluate("window.scrollY") == 0:
            return True
        page.wait_for_timeout(100)
    return False


def test_reader_goes_from_home_to_a_hub_to_a_recap_to_also_read_and_back_to_top(reader, demo_site):
    reader.goto(demo_site + "/")
    reader.get_by_role("link", name="Soundtrack #2", exact=True).first.click()
    assert reader.locator("h1").inner_text() == "All of Our Reviews of Soundtrack #2"

    reader.get_by_role("link", name="Read the recap of episode 4").click()
    assert reader.locator("h1").inner_text().startswith("Soundtrack #2 Episode 4 Recap and Review:")
    assert reader.locator("h2", has_text="Soundtrack #2 Episode 4 Bonus Track").is_visible()

    also_read = reader.locator("[aria-labelledby=also-read-heading] a").first
    target = also_read.inner_text()
    also_read.click()
    assert reader.locator("h1").inner_text() == target

    reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert reader.evaluate("window.scrollY") > 500
    reader.locator("a.to-top--floating").click()
    assert scrolled_to_top(reader)


def test_reader_finds_a_recap_by_searching_a_character_name(reader, demo_site):
    reader.goto(demo_site + "/")
    reader.get_by_role("searchbox").first.fill("Hyeon-seo")
    reader.get_by_role("searchbox").first.press("Enter")
    reader.wait_for_url("**/search/?q=Hyeon-seo")
    results = reader.locator("main").inner_text()
    assert "Soundtrack #2 Episode" in results
    assert "Geum Sae-rok" in results


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_page_lines_up_with_the_site_and_gives_its_box_room(reader, demo_site, width):
    """The search page once lost its layout: its heading ran to the window's edge and its box
    shrank to a sliver beside the label."""
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(demo_site + PAGE_KINDS["search"])
    brand = reader.locator(".brand").bounding_box()
    heading = reader.locator("main h1").bounding_box()
    form = reader.locator("main form[role=search]").bounding_box()
    box = reader.locator("#search-q").bounding_box()
    assert abs(heading["x"] - brand["x"]) <= 1
    assert abs(form["x"] - brand["x"]) <= 1
    assert box["width"] >= 0.6 * form["width"]


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(reader, demo_site):
    reader.goto(demo_site + PAGE_KINDS["recap"])
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    reader.keyboard.press("Enter")
    assert reader.evaluate("location.hash") == "#content"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_reads_well_on_a_phone_and_a_desktop(reader, demo_site, screenshot, kind):
    axe = Axe()
    for width in (390, 1280):
        reader.set_viewport_size({"width": width, "height": 900})
        response = reader.goto(demo_site + PAGE_KINDS[kind], wait_until="networkidle")
        assert response.status == (404 if kind == "not-found" else 200)
        overflow = reader.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{kind} scrolls sideways at {width}px"
        reader.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        reader.wait_for_load_state("networkidle")
        reader.evaluate("window.scrollTo(0, 0)")
        broken = reader.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0)"
            ".map(i => i.currentSrc || i.src)"
        )
        assert broken == [], f"{kind} at {width}px has broken images: {broken}"
        screenshot(reader, f"{kind}-{width}")
        results = axe.run(reader)
        serious = [
            f"{v['id']}: {v['help']}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{kind} at {width}px: {serious}"


def test_back_to_top_works_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(demo_site + PAGE_KINDS["recap"])
    page.locator("footer a.to-top").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 500
    page.locator("footer a.to-top").click()
    assert scrolled_to_top(page)
    context.close()
