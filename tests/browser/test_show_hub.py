"""A show hub's side column (facts, most read, seasons) is there only when one of its boxes
has something to say; without it the guide and cast take the page's width, where an empty
column once held their place."""

import pytest

from shows.models import Show
from tests.browser.pages import PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const width = selector => {
    const el = document.querySelector(selector);
    return el ? el.getBoundingClientRect().width : null;
  };
  return {grid: width(".hub-grid"), main: width(".hub-grid__main"), side: width(".hub-grid__side")};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_hub_without_facts_has_no_side_column_and_its_guide_the_full_width(
    reader, demo_site, width, screenshot
):
    Show.objects.create(title="Untitled Pilot", slug="untitled-pilot")
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(demo_site + "/shows/untitled-pilot/")
    found = reader.evaluate(MEASURE)
    screenshot(reader, f"hub-no-facts-{width}")
    assert found["side"] is None
    assert found["main"] == found["grid"]


def test_a_hub_with_facts_keeps_them_beside_the_guide_on_a_desktop(reader, demo_site):
    reader.set_viewport_size({"width": 1280, "height": 900})
    reader.goto(demo_site + PAGE_KINDS["hub"])
    found = reader.evaluate(MEASURE)
    assert reader.locator(".hub-grid__side .facts").is_visible()
    assert found["main"] + found["side"] < found["grid"]
