"""Spoiler passages: text readers see only when they choose to open it. (Not the reader's
"watched up to" mark, which is the `spoilers` app's.)

In editor rich text a passage is a paragraph the editor marked with the class `spoiler`; in a
comment it is `[spoiler]…[/spoiler]` (discussion.markup, which shows it the same way). Readers
get passages collapsed in a `<details>` element; every plain-text summary (excerpts, meta
descriptions, feed items, the search index) leaves them out, so a passage is only ever shown
where the reader chose to open it.

In editor text only paragraphs can be marked. A paragraph cannot contain another, and the
sanitiser escapes `<` and `>` inside attribute values, so in sanitised HTML the first `</p>`
after a passage's start tag is its end. That makes one regular expression exact, here and in
the search index's SQL (`search.documents`), where no HTML parser is at hand.
"""

import re

from django.utils.html import escape

CSS_CLASS = "spoiler"
SUMMARY = "Spoiler — show"

#: A marked paragraph in sanitised HTML (the sanitiser writes the class as exactly this).
#: PostgreSQL runs the same pattern; keep its first quantifier non-greedy, because there that
#: decides whether the whole match is the shortest or the longest.
PARAGRAPH = r'<p class="spoiler">.*?</p>'
_PARAGRAPH = re.compile(PARAGRAPH, re.DOTALL)
#: Marked paragraphs with nothing but white space between them: one block for the reader.
_RUN = re.compile(rf"{PARAGRAPH}(?:\s*{PARAGRAPH})*", re.DOTALL)


def _as_details(run):
    paragraphs = run[0].replace('<p class="spoiler">', "<p>")
    summary = f"<summary>{escape(SUMMARY)}</summary>"
    return f'<details class="{CSS_CLASS}">{summary}{paragraphs}</details>'


def collapse(sanitised_html):
    """Each run of marked paragraphs as one collapsed `<details>` block."""
    return _RUN.sub(_as_details, sanitised_html)


def remove(sanitised_html):
    """The HTML without its marked paragraphs, for text that is never collapsed."""
    return _PARAGRAPH.sub(" ", sanitised_html)
