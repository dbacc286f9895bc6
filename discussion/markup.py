"""The one piece of markup comments accept: `[spoiler]…[/spoiler]`.

Everything else a commenter types stays text. Markers pair up like brackets and are
case-insensitive. An outermost pair is a spoiler passage, collapsed like an editor's
(core.spoiler_passages); markers inside it stay as typed, inside the passage (so whatever the
commenter meant to hide stays hidden); a marker without a partner stays as typed, so readers
see that the markup did not take. The comment form refuses an opening marker that is never
closed. Parsing takes time linear in the text, however deep the markers nest.
"""

import re
from itertools import groupby
from operator import itemgetter

from django.template.defaultfilters import linebreaksbr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.spoiler_passages import CSS_CLASS, SUMMARY

OPEN = "[spoiler]"
CLOSE = "[/spoiler]"
HIDDEN = "[spoiler hidden]"
HELP_TEXT = (
    "Plain text: line breaks are kept, HTML shows as typed. The only markup is for spoilers: "
    "put [spoiler] and [/spoiler] around anything about later episodes, and readers see it "
    "only when they choose to."
)
_MARKER = re.compile(r"(\[/?spoiler\])", re.IGNORECASE)


def _pairs(parts):
    """{index of an opening marker: index of its closing marker} for `parts` (text, marker,
    text, …), and the indexes of opening markers never closed."""
    partner = {}
    opened = []
    for index in range(1, len(parts), 2):
        if parts[index].lower() == OPEN:
            opened.append(index)
        elif opened:
            partner[opened.pop()] = index
    return partner, opened


def unclosed(text):
    """How many opening markers in `text` have no closing marker."""
    return len(_pairs(_MARKER.split(text or ""))[1])


def segments(text):
    """[(is_spoiler, text)] in order: a spoiler's text without its outer markers, and the
    rest as typed."""
    parts = _MARKER.split(text or "")
    partner, _unclosed = _pairs(parts)
    result = []
    index = 0
    while index < len(parts):
        close = partner.get(index)
        if close is None:
            result.append((False, parts[index]))
            index += 1
            continue
        # Skipping to the closing marker leaves the pairs inside as text of this one.
        inner = "".join(parts[index + 1 : close])
        if inner.strip():
            result.append((True, inner.strip()))
        else:
            result.append((False, parts[index] + inner + parts[close]))
        index = close + 1
    return _merged(result)


def _merged(pieces):
    """Adjacent text pieces joined into one, empty text left out."""
    merged = []
    for is_spoiler, group in groupby(pieces, key=itemgetter(0)):
        texts = [text for _, text in group]
        if is_spoiler:
            merged.extend((True, text) for text in texts)
        elif text := "".join(texts):
            merged.append((False, text))
    return merged


def to_html(text):
    """Escaped text with line breaks, each spoiler collapsed in a `<details>` element."""
    html = []
    for is_spoiler, piece in segments(text):
        if is_spoiler:
            html.append(
                f'<details class="{CSS_CLASS}"><summary>{escape(SUMMARY)}</summary>'
                f"<p>{linebreaksbr(piece)}</p></details>"
            )
        else:
            html.append(linebreaksbr(piece))
    return mark_safe("".join(html))


def masked(text):
    """The text with each spoiler replaced by HIDDEN, for e-mails and other plain text."""
    return "".join(HIDDEN if is_spoiler else piece for is_spoiler, piece in segments(text))
