"""The previous and next episode cards under a recap: side by side on a desktop, one card a row
on a phone, where side by side they had half its width and wrapped a title over three lines."""

import pytest

from tests.browser.pages import PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A recap whose next episode has no recap yet.
NEXT_NOT_RECAPPED = "/recaps/the-last-of-us-episode-1-recap-review/"

MEASURE = """() => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const rangeOf = node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range;
  };
  const rects = node => [...rangeOf(node).getClientRects()];
  // The lines a text runs over.
  const lines = node => new Set(rects(node).map(r => Math.round(r.top))).size;
  return {
    nav: box(document.querySelector(".episode-nav")),
    cards: [...document.querySelectorAll(".episode-nav > div:not(:empty)")].map(card => {
      const title = card.querySelector(".episode-nav__label + *");
      const status = card.querySelector(".episode-nav__status");
      return {
        ...box(card),
        label: lines(card.querySelector(".episode-nav__label")),
        // The episode's name, without a "Recap coming" under it.
        title: lines(status ? title.firstChild : title),
        title_bottom: Math.max(...rects(title.firstChild).map(r => r.bottom)),
        status: status && {...box(status), lines: lines(status), text: status.textContent},
      };
    }),
  };
}"""


def test_on_a_phone_each_card_has_a_row_and_its_title_one_line(reader, demo_site):
    reader.set_viewport_size({"width": 390, "height": 900})
    reader.goto(demo_site + PAGE_KINDS["recap"])
    found = reader.evaluate(MEASURE)
    previous, following = found["cards"]
    for card in (previous, following):
        assert abs(card["left"] - found["nav"]["left"]) <= 1
        assert abs(card["right"] - found["nav"]["right"]) <= 1
        assert (card["label"], card["title"]) == (1, 1)
    assert following["top"] >= previous["bottom"]


def test_on_a_phone_a_next_episode_without_a_recap_says_so_on_a_line_of_its_own(reader, demo_site):
    reader.set_viewport_size({"width": 390, "height": 900})
    reader.goto(demo_site + NEXT_NOT_RECAPPED)
    (card,) = reader.evaluate(MEASURE)["cards"]
    assert card["title"] == 1
    assert card["status"]["text"] == "Recap coming"
    assert card["status"]["lines"] == 1
    assert card["status"]["top"] >= card["title_bottom"] - 1


@pytest.mark.parametrize("path", [PAGE_KINDS["recap"], NEXT_NOT_RECAPPED])
def test_on_a_desktop_the_cards_share_a_row_previous_on_the_left(reader, demo_site, path):
    reader.set_viewport_size({"width": 1280, "height": 900})
    reader.goto(demo_site + path)
    found = reader.evaluate(MEASURE)
    following = found["cards"][-1]
    # The next episode's card in the right half, beside the previous one's.
    assert abs(following["right"] - found["nav"]["right"]) <= 1
    assert following["left"] > (found["nav"]["left"] + found["nav"]["right"]) / 2
    if len(found["cards"]) == 2:
        previous = found["cards"][0]
        assert previous["top"] == following["top"]
        assert abs(previous["left"] - found["nav"]["left"]) <= 1
