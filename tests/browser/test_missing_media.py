"""A recap whose hero still's files are gone from the media storage (deleted by hand, or S3
away): where the still would be, the reader sees a tinted box of the still's size with its alt
text, at phone and desktop width, on the recap and on its home page card; nothing below it
moves. The stylesheet alone does it (no script, within the page's weight budget)."""

import pytest

from recaps.models import Still
from tests import images
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = """img => {
  const box = img.getBoundingClientRect();
  return {
    broken: img.complete && img.naturalWidth === 0,
    alt: img.alt,
    tint: getComputedStyle(img).backgroundColor,
    width: box.width, height: box.height,
    ratio: img.getAttribute("height") / img.getAttribute("width"),
  };
}"""


def wait_broken(page, img):
    page.wait_for_function("img => img.complete && img.naturalWidth === 0", arg=img)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_missing_still_leaves_a_sized_box_with_its_alt_text(
    demo_site, reader, screenshot, settings, width
):
    hero = Still.objects.filter(is_hero=True, recap__status="published").first()
    recap = hero.recap
    for name in images.still_files(hero):
        hero.image.storage.delete(name)
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(demo_site + recap.get_absolute_url())
    img = reader.query_selector(".hero img")
    wait_broken(reader, img)
    box = img.evaluate(BOX)
    assert box["broken"] and box["alt"] == hero.alt_text
    assert box["tint"] not in ("rgba(0, 0, 0, 0)", "transparent")
    # The box a loaded still takes: the column's width, and the height its ratio gives; the
    # caption below sits right under it.
    assert box["width"] > width * 0.7
    assert box["height"] == pytest.approx(box["width"] * box["ratio"], abs=1.5)
    bottom = img.evaluate("img => img.getBoundingClientRect().bottom")
    caption = reader.eval_on_selector(".hero figcaption", "e => e.getBoundingClientRect().top")
    assert 0 <= caption - bottom < 40
    # The other stills, whose files are there, load as before.
    for still in reader.query_selector_all("article .still img"):
        still.scroll_into_view_if_needed()
        reader.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=still)
    reader.evaluate("window.scrollTo(0, 0)")
    screenshot(reader, f"missing-still-{width}", width)

    # The recap's card on the home page: the card's 16:9 box.
    reader.goto(demo_site + "/")
    card = reader.locator(f'.card a[href="{recap.get_absolute_url()}"] img').first
    card.scroll_into_view_if_needed()
    wait_broken(reader, card.element_handle())
    box = card.evaluate(BOX)
    assert box["broken"] and box["alt"] == hero.alt_text
    assert box["height"] == pytest.approx(box["width"] * 9 / 16, abs=1.5)
    card.locator("xpath=ancestor::article").screenshot(
        path=ARTIFACTS / f"missing-still-card-{width}.png"
    )
