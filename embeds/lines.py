"""Links alone on a line of sanitised rich text: the form an embed takes in stored text.

An editor pastes a link on a line of its own; the editor stores `<p><a href="URL">URL</a></p>`
(or the address as plain text), and the importer writes the same. When the link's text is not
the address, it is the embed's caption (a WordPress embed block's figcaption). Read from the
HTML nh3 writes (core.richtext), whose quoting and escaping are always the same, so a
pattern over it is exact; a spoiler passage (`<p class="spoiler">`) never holds an embed."""

import re
from dataclasses import dataclass
from html import unescape

_LINE = re.compile(
    r"<p>\s*(?:"
    r'<a href="(?P<href>https?://[^"]+)"[^>]*>(?P<text>[^<]*)</a>'
    r"|(?P<bare>https?://[^\s<]+)"
    r")\s*</p>"
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    url: str
    caption: str
    linked: bool  # a link already, not an address typed as text


def embed_lines(html):
    lines = []
    for match in _LINE.finditer(html):
        url = unescape(match["href"] or match["bare"]).strip()
        text = unescape(match["text"] or "").strip()
        caption = "" if text in ("", url) else text
        lines.append(Line(match.start(), match.end(), url, caption, bool(match["href"])))
    return lines


def replace_lines(html, render_line):
    """`html` with each line for which `render_line(line)` gives HTML replaced by it."""
    out, position = [], 0
    for line in embed_lines(html):
        replacement = render_line(line)
        if replacement is not None:
            out += [html[position : line.start], replacement]
            position = line.end
    out.append(html[position:])
    return "".join(out)
