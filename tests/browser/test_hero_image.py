"""A recap's hero fills the wide column, but an image narrower than the column is shown at its
own width, never enlarged (a 400-pixel still once stretched to 960 and blurred)."""

import pytest

from recaps.models import Recap
from tests import images
from tests.browser.pages import PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_HERO = "the-last-of-us-episode-1-recap-review"

# The hero as laid out, and the pixel width of the rendition the browser chose (`naturalWidth`
# of an <img> with a srcset is scaled by the `sizes` slot, so the chosen file is read alone).
MEASURE = """async () => {
  const img = document.querySelector(".hero img");
  const chosen = new Image();
  chosen.src = img.currentSrc;
  await chosen.decode();
  const box = img.getBoundingClientRect();
  const caption = document.querySelector(".hero figcaption").getBoundingClientRect();
  return {shown: box.width, left: box.left, pixels: chosen.naturalWidth,
          caption: caption.width, column: Math.min(innerWidth, 960)};
}"""


@pytest.fixture
def small_hero(demo_site):
    hero = Recap.objects.get(slug=SMALL_HERO).stills.get(is_hero=True)
    hero.image.save("small.jpg", images.upload("small.jpg", images.jpeg_bytes(400, 225)))
    return f"{demo_site}/recaps/{SMALL_HERO}/"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_small_hero_is_never_wider_than_its_image_and_its_caption_keeps_to_it(
    reader, small_hero, width, screenshot
):
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(small_hero)
    found = reader.evaluate(MEASURE)
    screenshot(reader, f"hero-small-{width}")
    assert found["pixels"] == 400
    assert found["shown"] <= found["pixels"]
    assert found["shown"] == min(400, found["column"])
    # Centred on the page, its caption under it as wide as the image.
    assert abs(found["left"] * 2 + found["shown"] - width) <= 1
    assert found["caption"] == found["shown"]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_large_hero_fills_the_column(reader, demo_site, width):
    reader.set_viewport_size({"width": width, "height": 900})
    reader.goto(demo_site + PAGE_KINDS["recap"])
    found = reader.evaluate(MEASURE)
    assert found["shown"] == found["column"]
    assert found["shown"] <= found["pixels"]
