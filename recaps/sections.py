"""The sections of a recap page, with each still placed inside its own section.

Stills are spread between the top-level blocks (paragraphs, lists, quotes) of the section's
sanitised HTML, so a recap with ten stills reads like an article, not a gallery at the end."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "hr", "img"}


class _BlockSplitter(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.cuts = []

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if self.depth == 0:
                self.cuts.append(self._offset() + len(self.get_starttag_text() or ""))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.cuts.append(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            end = self.text.find(">", self._offset())
            self.cuts.append(len(self.text) if end < 0 else end + 1)


def split_blocks(html):
    """Top-level blocks of well-formed (sanitised) HTML, in order; their join is the input."""
    html = html or ""
    if not html.strip():
        return []
    splitter = _BlockSplitter(html)
    splitter.feed(html)
    splitter.close()
    blocks, start = [], 0
    for cut in sorted(set(splitter.cuts)):
        if cut > start:
            blocks.append(html[start:cut])
            start = cut
    if start < len(html):
        blocks.append(html[start:])
    return [block for block in blocks if block.strip()]


@dataclass
class Section:
    key: str
    heading: str
    parts: list = field(default_factory=list)  # ("html", str) or ("still", Still)


def interleave(html, stills):
    """Blocks of `html` with `stills` spread evenly between them (never before the first)."""
    blocks = split_blocks(html)
    stills = list(stills)
    if not blocks:
        return [("still", still) for still in stills]
    slots = {}
    for index, still in enumerate(stills):
        after = max(1, round((index + 1) * len(blocks) / (len(stills) + 1)))
        slots.setdefault(min(after, len(blocks)), []).append(still)
    parts = []
    for position, block in enumerate(blocks, start=1):
        parts.append(("html", block))
        parts.extend(("still", still) for still in slots.get(position, []))
    return parts


def build_sections(recap, stills):
    """Recap, Bonus Track (only when it has text or stills) and Review, each with its stills;
    `stills` excludes the hero, which leads the article."""
    by_section = {}
    for still in stills:
        by_section.setdefault(still.section, []).append(still)
    sections = []
    for key, source, label in (
        ("recap", recap.body, "Recap"),
        ("bonus_track", recap.bonus_track, "Bonus Track"),
        ("review", recap.review, "Review"),
    ):
        own = sorted(by_section.get(key, []), key=lambda still: (still.order, still.pk))
        if key == "bonus_track" and not (source or "").strip() and not own:
            continue
        sections.append(Section(key, recap.section_heading(label), interleave(source, own)))
    return sections
