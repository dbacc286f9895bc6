"""Every reader page kind keeps the site's column, gives its text boxes room and never scrolls
sideways, at phone and desktop width. The search page once lost all three at once (8854e1b fixed
it), which no per-page test would have noticed on the next page to lose its wrapper."""

import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from recaps import preview
from recaps.models import Recap
from tests.browser.pages import PAGE_KINDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything public in config/urls.py that answers GET with HTML. Left out: the admin (editors',
# not readers'), feeds, sitemap, robots.txt and calendars (not HTML), the POST-only endpoints
# (comment post, watched, theme, rating) and the e-mailed mute link (it needs a follow-up
# comment's signed key; its page is the 404's wrap-narrow box).
STATIC_PAGES = {
    **PAGE_KINDS,
    "home-page-2": "/?page=2",
    "search-empty": "/search/",
    "preview-refused": "/recaps/preview/s/not-a-token/",
}
DYNAMIC_PAGES = ("thread", "reply", "shared-preview")

# The page's own column: main's children, and an article's, except the full-bleed hero.
COLUMNS = "main > :not(article), main > article > :not(.wrap-wide)"
TEXT_BOXES = (
    "input[type=text], input[type=search], input[type=email], input[type=url], "
    "input:not([type]), textarea"
)

MEASURE = """([columns, boxes]) => {
  const edges = el => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right};
  };
  // A person sees it: laid out, not hidden, not pushed off the page (the comment form's honeypot).
  const shown = el => {
    const r = el.getBoundingClientRect();
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"
      && r.right > 0 && r.left < innerWidth && !el.closest("[aria-hidden=true]");
  };
  return {
    header: edges(document.querySelector(".site-header__inner")),
    columns: [...document.querySelectorAll(columns)].filter(shown).map(el => ({
      name: [el.tagName.toLowerCase(), ...el.classList].join("."),
      ...edges(el),
    })),
    boxes: [...document.querySelectorAll(boxes)].filter(el => shown(el) && el.type !== "hidden")
      .map(el => ({name: el.id || el.name, width: el.getBoundingClientRect().width})),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.fixture
def pages(demo_site):
    call_command("load_demo_comments", force=True, verbosity=0)
    root = XtdComment.objects.filter(level=0, is_public=True).order_by("pk").first()
    draft = Recap.objects.filter(status=Recap.Status.DRAFT).first()
    paths = {
        **STATIC_PAGES,
        "thread": f"/comments/thread/{root.pk}/",
        "reply": f"/comments/reply/{root.pk}/",
        "shared-preview": preview.share_path(draft),
    }
    return {kind: demo_site + path for kind, path in paths.items()}


def misplaced(column, header):
    """Why a column sits wrong against the header's content box, or None.

    A column shares the header's left edge, or (a recap's reading column at desktop width) is a
    narrower one centred on the header's box; either way it stays inside that box."""
    if abs(column["left"] - header["left"]) <= 1.5 and column["right"] <= header["right"] + 1.5:
        return None
    inside = column["left"] >= header["left"] and column["right"] <= header["right"]
    gaps = column["left"] - header["left"], header["right"] - column["right"]
    if inside and abs(gaps[0] - gaps[1]) <= 1.5:
        return None
    return (
        f"{column['name']} spans {column['left']:.0f}–{column['right']:.0f}px, the header's "
        f"content {header['left']:.0f}–{header['right']:.0f}px"
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_kind_keeps_the_column_gives_text_boxes_room_and_fits(reader, pages, width):
    reader.set_viewport_size({"width": width, "height": 900})
    problems = []
    for kind, url in pages.items():
        reader.goto(url)
        found = reader.evaluate(MEASURE, [COLUMNS, TEXT_BOXES])
        header = found["header"]
        if not found["columns"]:
            problems.append(f"{kind}: no column in main")
        problems += [f"{kind}: {why}" for c in found["columns"] if (why := misplaced(c, header))]
        if width < 700:
            # A phone has room for one column only: it starts where the header's content does.
            problems += [
                f"{kind}: {c['name']} starts at {c['left']:.0f}px, not {header['left']:.0f}px"
                for c in found["columns"]
                if abs(c["left"] - header["left"]) > 1.5
            ]
        problems += [
            f"{kind}: text box {b['name']} is {b['width']:.0f}px wide"
            for b in found["boxes"]
            if b["width"] < 200
        ]
        if found["overflow"] > 0:
            problems.append(f"{kind}: scrolls sideways by {found['overflow']}px")
    assert problems == [], f"at {width}px: " + "; ".join(problems)
