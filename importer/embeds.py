"""WordPress's embeds → Episodic's: a link alone on a line (`embeds.lines`), which the recap
page shows as a privacy facade when its provider is on the allow-list, and as a link anywhere
else (mail, feeds, another provider).

WordPress writes an embed four ways, all converted before the body is cleaned (which would
drop the shortcodes and block comments and leave the address as loose text):
- a Gutenberg embed block: `<!-- wp:embed {"url": …} -->` around a `figure.wp-block-embed`
  whose wrapper holds the address and whose figcaption, if any, is the embed's caption (the
  link's text); older exports spell it `wp:core-embed/youtube`;
- `[embed]URL[/embed]` (with or without width and height);
- Jetpack's `[youtube URL]`, `[youtube=URL&w=…]` and `[youtube VIDEO_ID]`;
- an address alone on a line or in a paragraph of its own (WordPress's auto-embed).
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape, unescape

import lxml.html

from embeds.providers import provider_for

from .content import plain_text

_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(?P<attrs>\{.*?\})?\s*/?-->"
    r"(?P<inner>.*?)<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.S,
)
_EMBED = re.compile(r"\[embed\b[^\]]*\](?P<url>.*?)\[/embed\]", re.S | re.I)
_YOUTUBE = re.compile(r"\[youtube[\s=]+(?P<value>[^\]\s]+)[^\]]*\]", re.I)
_VIDEO_ID = re.compile(r"[\w-]{11}")
_BARE = re.compile(r"^[ \t]*(?:<p>\s*)?(?P<url>https?://[^\s<>\"]+?)(?:\s*</p>)?[ \t]*$", re.M)
_ADDRESS = re.compile(r"https?://[^\s<>\"\]]+")


@dataclass
class Converted:
    html: str
    counts: Counter = field(default_factory=Counter)


def convert(html):
    """`html` with each embed as a link alone in a paragraph; `counts` has `embed_blocks`,
    `embed_shortcodes`, `embed_bare` (links a provider on the allow-list will embed) and
    `embed_links` (addresses of other sites, now links)."""
    counts = Counter()
    has_paragraphs = bool(re.search(r"<p\b", html or "", re.I))

    def line(url, caption, kind):
        url = unescape(url).strip()
        if not _ADDRESS.fullmatch(url):
            return escape(caption or url)
        counts[kind if provider_for(url) else "embed_links"] += 1
        link = f'<a href="{escape(url)}">{escape(caption or url)}</a>'
        # A post without paragraphs gets them from autop, which wraps a line of its own.
        return f"\n\n<p>{link}</p>\n\n" if has_paragraphs else f"\n\n{link}\n\n"

    def block(match):
        try:
            attrs = json.loads(match["attrs"] or "{}")
        except ValueError:
            attrs = {}
        inner = match["inner"]
        url = attrs.get("url") if isinstance(attrs.get("url"), str) else None
        caption = ""
        if inner.strip():
            root = lxml.html.fragment_fromstring(inner, create_parent="div")
            wrapper = root.find_class("wp-block-embed__wrapper")
            url = url or (wrapper[0].text_content() if wrapper else "")
            captions = root.xpath(".//figcaption")
            caption = (
                plain_text(lxml.html.tostring(captions[0], encoding="unicode")) if captions else ""
            )
        return line(url or "", " ".join(caption.split()), "embed_blocks")

    def youtube(match):
        value = unescape(match["value"]).split("&w=")[0]
        if _VIDEO_ID.fullmatch(value):
            value = f"https://www.youtube.com/watch?v={value}"
        return line(value, "", "embed_shortcodes")

    html = _BLOCK.sub(block, html or "")
    html = _EMBED.sub(lambda m: line(m["url"], "", "embed_shortcodes"), html)
    html = _YOUTUBE.sub(youtube, html)
    html = _BARE.sub(lambda m: line(m["url"], "", "embed_bare"), html)
    return Converted(html, counts)
