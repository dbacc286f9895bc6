"""A recap whose hero still's files are gone from the media storage (deleted by hand, or S3
away): the reader sees a box of the still's size, tinted, with its alt text, where the still
would be, at phone and desktop width; nothing below it moves."""

import pytest

from recaps.models import Still
from tests import images
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = """img => {
  const picture = img.closest("picture"), box = img.getBoundingClientRect();
  const label = picture.querySelector(".picture__alt");
  return {
    missing: picture.classList.contains("picture--missing"),
    label: label ? label.textContent : null,
    labelShown: label ? label.getBoundingClientRect().height > 0 : false,
    width: box.width, height: box.height,
    ratio: img.getAttribute("height") / img.getAttribute("width"),
  };
}"""


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
    reader.wait_for_selector(".hero .picture--missing")
    box = reader.eval_on_selector(".hero img", BOX)
    assert box["missing"] and box["label"] == hero.alt_text and box["labelShown"]
    # The box a loaded still would take: its width, and the height its ratio gives.
    assert box["width"] > width * 0.7
    assert box["height"] == pytest.approx(box["width"] * box["ratio"], abs=1.5)
    # The label covers the image's box.
    label = reader.eval_on_selector(
        ".hero .picture__alt", "e => [e.offsetLeft, e.offsetTop, e.offsetWidth, e.offsetHeight]"
    )
    assert label == [0, 0, round(box["width"]), round(box["height"])]
    # The other stills, whose files are there, load as before.
    for still in reader.query_selector_all("article .still img"):
        still.scroll_into_view_if_needed()
        reader.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=still)
    assert not reader.query_selector(".still .picture--missing")
    reader.evaluate("window.scrollTo(0, 0)")
    screenshot(reader, f"missing-still-{width}", width)

    # The recap's card on the home page: the card's 16:9 box, with the alt text.
    reader.goto(demo_site + "/")
    card = reader.locator(f'.card a[href="{recap.get_absolute_url()}"] img').first
    card.scroll_into_view_if_needed()
    reader.wait_for_function(
        "img => img.closest('picture').classList.contains('picture--missing')",
        arg=card.element_handle(),
    )
    box = card.evaluate(BOX)
    assert box["label"] == hero.alt_text and box["labelShown"]
    assert box["height"] == pytest.approx(box["width"] * 9 / 16, abs=1.5)
    card.locator("xpath=ancestor::article").screenshot(
        path=ARTIFACTS / f"missing-still-card-{width}.png"
    )
