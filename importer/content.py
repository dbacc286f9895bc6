"""A WordPress post body → Episodic's sections, stills and Also Read links: pure functions.

WordPress stores the body as it was typed: Gutenberg's `<!-- wp:… -->` block comments,
`[caption]` shortcodes, and (from the classic editor) paragraphs separated by blank lines
rather than `<p>`. This module cleans all three, splits the body at the recap site's headings
(`<Show> Episode <N> Recap` / `Bonus Track` / `Review`), takes its images out as stills of the
section they stood in, drops what Episodic writes from data (the show-facts paragraph, the
where-to-watch line) and the site's furniture (promo slot, Also Read list), and sanitises each
section with the editor's own sanitiser."""

import re
from dataclasses import dataclass, field
from html import unescape

import lxml.html
import nh3

from core.richtext import sanitize

SECTIONS = ("intro", "body", "bonus_track", "review")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_START = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|img|section)\b", re.I
)
_SECTION_HEADING = re.compile(
    r"(?P<kind>bonus\s+track|post[-\s]credits?(?:\s+scene)?|recap|review)\s*:?\s*$", re.I
)
_SECTION_OF = {"recap": "body", "review": "review"}
_CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.S | re.I)
_CAPTION_IMAGE = re.compile(
    r"^\s*(?P<img>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$", re.S
)
_OTHER_SHORTCODES = re.compile(
    r"\[/?(?:gallery|embed|video|audio|playlist|wp_ad_camp_\d+|ads?|adsense)\b[^\]]*\]", re.I
)
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_CREDIT = re.compile(
    r"\s*[\(\[|·–—-]?\s*(?:image\s+|photo\s+)?(?:credits?|courtesy(?:\s+of)?|source|image|photo)"
    r"\s*[:\-–]\s*(?P<credit>[^)\]]+?)\s*[\)\]]?\s*$",
    re.I,
)
_WP_IMAGE_ID = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
# Signals of the pasted show-facts paragraph; two in one paragraph of the intro make it one.
_FACTS_SIGNALS = (
    re.compile(r"\bin (?:the )?(?:lead|leading|main) roles?\b", re.I),
    re.compile(r"\b(?:was|were) last seen in\b", re.I),
    re.compile(
        r"\b(?:will stream|is streaming|streamed|streams|will premiere|premiered) on\b"
        r".{0,60}\bfrom\b",
        re.I,
    ),
    re.compile(r"\bexpected to have \d+ episodes\b", re.I),
    re.compile(r"\bepisodes? (?:will be|are|were) released every\b", re.I),
    re.compile(r"\b(?:along with|also stars)\b", re.I),
)
_WHERE_TO_WATCH = re.compile(
    r"^(?:the )?(?:series|show|drama|k-?drama|season)\s+is\s+(?:now\s+)?"
    r"(?:streaming|available)\s+(?:on|to stream on)\s+[^.]{1,60}\.?$",
    re.I,
)
_PROMO = re.compile(r"^(?:join our (?:telegram|whatsapp|discord)|follow us on|back to top)", re.I)
_ALSO_READ = re.compile(r"^\s*(?:also read|read also|more recaps?|related)\s*:?", re.I)


@dataclass
class Figure:
    src: str
    section: str
    order: int
    attachment_id: int | None = None
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class Article:
    intro: str = ""
    body: str = ""
    bonus_track: str = ""
    review: str = ""
    figures: list = field(default_factory=list)
    also_read: list = field(default_factory=list)  # hrefs, in order
    had_facts: bool = False
    found_sections: bool = False


def clean(html):
    """Gutenberg comments and shortcodes out, `[caption]` as `<figure>`, paragraphs as `<p>`."""
    html = _COMMENTS.sub("", html or "")
    html = _CAPTION.sub(_caption_to_figure, html)
    html = _OTHER_SHORTCODES.sub("", html)
    return autop(html)


def _caption_to_figure(match):
    inner = _CAPTION_IMAGE.match(match["inner"])
    attachment = _ATTACHMENT_ID.search(match["attrs"])
    data = f' data-attachment="{attachment.group(1)}"' if attachment else ""
    if not inner:
        return match["inner"]
    return f"<figure{data}>{inner['img']}<figcaption>{inner['text'].strip()}</figcaption></figure>"


def autop(html):
    """WordPress's wpautop, enough for exports: blank lines separate paragraphs."""
    if re.search(r"<p\b", html, re.I):
        return html
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", html) if chunk.strip()]
    return "\n".join(
        chunk if _BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>"
        for chunk in chunks
    )


def plain_text(html):
    """Text without its markup, for comments, captions and excerpts. A `<script>` or `<style>`
    goes with its content: code, not the writer's words (strip_tags kept it as text)."""
    return unescape(nh3.clean(html or "", tags=set())).strip()


def split_caption(text):
    """`Still From X (Credit: Disney+)` → ("Still From X", "Disney+")."""
    text = " ".join((text or "").split())
    match = _CREDIT.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(" -–—|·"), match["credit"].strip()
    return text, ""


def _text(element):
    return " ".join(element.text_content().split())


def section_of_heading(element):
    """The section a heading starts ("body", "bonus_track", "review"), or None.

    A heading is an `<h1>`–`<h6>`, or a short paragraph that is all bold (classic editor)."""
    text = _text(element)
    if not text or len(text) > 150:
        return None
    if element.tag not in _HEADING_TAGS:
        if element.tag != "p":
            return None
        bold = "".join(_text(child) for child in element if child.tag in ("strong", "b"))
        if bold.strip() != text.strip():
            return None
    match = _SECTION_HEADING.search(text)
    if not match:
        return None
    kind = match["kind"].lower()
    if kind.startswith(("bonus", "post")):
        return "bonus_track"
    return _SECTION_OF[kind]


def is_facts_paragraph(text):
    return sum(len(signal.findall(text)) for signal in _FACTS_SIGNALS) >= 2


def _take_figures(element, section, figures):
    """Move the element's images into `figures`; True when nothing readable is left."""
    images = [element] if element.tag == "img" else list(element.iter("img"))
    if not images:
        return False
    captions = {}
    holders = [element] if element.tag == "figure" else list(element.iter("figure"))
    for figure in holders:
        caption = figure.find(".//figcaption")
        for img in figure.iter("img"):
            captions[img] = (
                _text(caption) if caption is not None else "",
                figure.get("data-attachment"),
            )
        if caption is not None:
            caption.drop_tree()
    for img in images:
        src = img.get("src") or img.get("data-src") or ""
        if not src:
            continue
        caption_text, attachment = captions.get(img, ("", None))
        match = _WP_IMAGE_ID.search(img.get("class") or "")
        attachment = int(match.group(1)) if match else int(attachment) if attachment else None
        caption, credit = split_caption(caption_text)
        figures.append(
            Figure(
                src=src,
                section=section,
                order=len(figures),
                attachment_id=attachment,
                caption=caption[:300],
                credit=credit[:200],
                alt=" ".join((img.get("alt") or "").split())[:300],
            )
        )
    for img in images:
        parent = img.getparent()
        if parent is not None and parent.tag == "a" and not _text(parent):
            parent.drop_tree()
        elif img is not element:
            img.drop_tree()
    if element.tag == "img":
        return True
    return not _text(element)


def _serialise(element):
    if element.tag in ("h1", "h2"):
        element.tag = "h3"
    elif element.tag in ("h5", "h6"):
        element.tag = "h4"
    elif element.tag in ("figure", "div", "section"):
        element.tag = "p"
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def split(html):
    """The post body as an `Article`: sanitised sections, figures, Also Read links."""
    article = Article()
    html = clean(html)
    if not html.strip():
        return article
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    parts = {name: [] for name in SECTIONS}
    section = "intro"
    also_read_open = False
    if root.text and root.text.strip():
        parts[section].append(f"<p>{_escape(root.text.strip())}</p>")
    for element in list(root):
        tail = (element.tail or "").strip()
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        heading = section_of_heading(element)
        if heading:
            section = heading
            article.found_sections = True
            also_read_open = False
            continue
        text = _text(element)
        if _ALSO_READ.match(text) or (also_read_open and element.tag in ("ul", "ol", "p")):
            links = [a.get("href") for a in element.iter("a") if a.get("href")]
            article.also_read.extend(links)
            also_read_open = not links or element.tag not in ("ul", "ol")
            continue
        also_read_open = False
        if _PROMO.match(text) or _WHERE_TO_WATCH.match(text):
            continue
        if section == "intro" and element.tag == "p" and is_facts_paragraph(text):
            article.had_facts = True
            continue
        still_section = "recap" if section in ("intro", "body") else section
        if not _take_figures(element, still_section, article.figures):
            parts[section].append(_serialise(element))
        if tail:
            parts[section].append(f"<p>{_escape(tail)}</p>")
    if not article.found_sections:
        # No recap-site headings: the whole text is the recap.
        parts["body"], parts["intro"] = parts["intro"], []
    for name in SECTIONS:
        setattr(article, name, sanitize("\n".join(parts[name])))
    return article


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
