"""A recap's byline wraps on a phone without opening a line with its "·" separator (it once
read "· 3 min read"), and keeps one between every two items on a line."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.factories import make_episode, make_recap, make_show, make_user
from recaps.models import Recap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where a person sees each piece of the byline: a character of text, or an item's ::before
# separator where the byline's clip box does not cut it off. Grouped into lines by their top.
LINES = """(byline) => {
  const clip = byline.getBoundingClientRect();
  const pieces = [];
  const texts = document.createTreeWalker(byline, NodeFilter.SHOW_TEXT);
  for (let node; (node = texts.nextNode());) {
    [...node.data].forEach((char, i) => {
      if (!char.trim()) return;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      for (const r of range.getClientRects()) pieces.push({text: char, left: r.left, top: r.top});
    });
  }
  for (const el of byline.querySelectorAll("*")) {
    const before = getComputedStyle(el, "::before");
    if (before.content === "none" || before.content === "normal") continue;
    const r = el.getBoundingClientRect();
    const left = r.left + (parseFloat(before.left) || 0);
    if (left + (parseFloat(before.width) || 0) <= clip.left + 0.5) continue;
    pieces.push({text: before.content.split("/")[0].trim().replaceAll('"', ""), left, top: r.top});
  }
  pieces.sort((a, b) => a.top - b.top);
  const lines = [];
  for (const piece of pieces) {
    const line = lines.at(-1);
    if (line && piece.top - line[0].top < 8) line.push(piece);
    else lines.push([piece]);
  }
  return lines.map(line => line.sort((a, b) => a.left - b.left).map(p => p.text).join(""));
}"""


@pytest.fixture
def recap_url(live_server):
    author = make_user("writer", first_name="Mina", last_name="Park-Fernández")
    recap = make_recap(
        make_episode(make_show(title="Soundtrack #2"), 4),
        author=author,
        when=timezone.now() - timedelta(days=30),
    )
    # A recap corrected since: the byline's longest form, with its "Updated" item.
    Recap.objects.filter(pk=recap.pk).update(text_changed_at=timezone.now())
    return live_server.url + recap.get_absolute_url()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_byline_line_starts_with_a_separator(page, recap_url, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(recap_url)
    lines = page.locator(".byline").evaluate(LINES)
    screenshot(page, f"byline-{width}")
    assert "Updated" in "".join(lines)
    if width == 390:
        assert len(lines) > 2, "at phone width this byline wraps, or the test proves little"
    assert [line for line in lines if line.startswith("·")] == []
    items = page.locator(".byline > span > *").count()
    assert sum(line.count("·") for line in lines) == items - len(lines)
