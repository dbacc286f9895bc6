"""Reading a WordPress eXtended RSS export (WXR 1.1 and 1.2) as a stream of plain records.

An export is untrusted XML: it is parsed with defusedxml, which refuses a DTD, entity
declarations and external references, so an entity-expansion bomb or an XXE fails at once with
`ExportError` instead of eating memory or reading files. Items are handed over one at a time and
then cleared, so a 500 MB export is read in bounded memory."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from html import unescape
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


class ExportError(Exception):
    """The file is not a WordPress export we can read safely; nothing was imported."""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    term_id: int = 0


@dataclass
class Comment:
    id: int
    parent: int
    author: str
    email: str
    url: str
    ip: str
    date_gmt: str
    content: str
    approved: str  # "1", "0", "spam", "trash"
    type: str  # "", "comment", "pingback", "trackback"


@dataclass
class Item:
    id: int
    type: str  # post, page, attachment, nav_menu_item, …
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    status: str = ""
    name: str = ""  # the slug
    date: str = ""
    date_gmt: str = ""
    modified_gmt: str = ""
    parent: int = 0
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # [Term]
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)  # [Comment]


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""

    @property
    def site_url(self):
        return (self.base_blog_url or self.link or self.base_site_url).rstrip("/")


@lru_cache(maxsize=512)  # asked once per child of every item; bounded: an export is untrusted
def _name(tag):
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`, whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if uri.rstrip("/").endswith("excerpt") else "wp:") + local
    if uri.startswith("http://purl.org/rss/1.0/modules/content"):
        return "content:" + local
    if uri.startswith("http://purl.org/dc/elements"):
        return "dc:" + local
    return local


def _text(element, name):
    for child in element:
        if _name(child.tag) == name:
            return (child.text or "").strip() if name != "content:encoded" else child.text or ""
    return ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _author(element):
    return Author(
        login=_text(element, "wp:author_login"),
        email=_text(element, "wp:author_email"),
        display_name=unescape(_text(element, "wp:author_display_name")),
        first_name=unescape(_text(element, "wp:author_first_name")),
        last_name=unescape(_text(element, "wp:author_last_name")),
    )


# Channel-level term elements: taxonomy (or the element naming it), slug and name elements.
TERM_ELEMENTS = {
    "wp:category": ("category", "wp:category_nicename", "wp:cat_name"),
    "wp:tag": ("post_tag", "wp:tag_slug", "wp:tag_name"),
    "wp:term": ("wp:term_taxonomy", "wp:term_slug", "wp:term_name"),
}


def _term(element, taxonomy, slug, name):
    return Term(
        _text(element, taxonomy) if taxonomy.startswith("wp:") else taxonomy,
        _text(element, slug),
        unescape(_text(element, name)),
        _int(_text(element, "wp:term_id")),
    )


def _item(element):
    item = Item(id=_int(_text(element, "wp:post_id")), type=_text(element, "wp:post_type"))
    item.title = unescape(_text(element, "title"))
    item.link = _text(element, "link")
    item.creator = _text(element, "dc:creator")
    item.content = _text(element, "content:encoded")
    item.excerpt = _text(element, "excerpt:encoded")
    item.status = _text(element, "wp:status")
    item.name = _text(element, "wp:post_name")
    item.date = _text(element, "wp:post_date")
    item.date_gmt = _text(element, "wp:post_date_gmt")
    item.modified_gmt = _text(element, "wp:post_modified_gmt")
    item.parent = _int(_text(element, "wp:post_parent"))
    item.attachment_url = _text(element, "wp:attachment_url")
    for child in element:
        name = _name(child.tag)
        if name == "category":
            taxonomy = child.get("domain", "category")
            slug = child.get("nicename", "")
            item.terms.append(Term(taxonomy, slug, unescape((child.text or "").strip())))
        elif name == "wp:postmeta":
            item.meta[_text(child, "wp:meta_key")] = _text(child, "wp:meta_value")
        elif name == "wp:comment":
            item.comments.append(
                Comment(
                    id=_int(_text(child, "wp:comment_id")),
                    parent=_int(_text(child, "wp:comment_parent")),
                    author=unescape(_text(child, "wp:comment_author")),
                    email=_text(child, "wp:comment_author_email"),
                    url=_text(child, "wp:comment_author_url"),
                    ip=_text(child, "wp:comment_author_IP"),
                    date_gmt=_text(child, "wp:comment_date_gmt") or _text(child, "wp:comment_date"),
                    content=_text(child, "wp:comment_content"),
                    approved=_text(child, "wp:comment_approved"),
                    type=_text(child, "wp:comment_type"),
                )
            )
    return item


def read(path):
    """Yield the export's records in file order: a `Channel` (once, before the first item),
    `Author`s, `Term`s and `Item`s. Raises `ExportError` for unsafe or malformed XML."""
    channel = Channel()
    channel_element = None
    channel_sent = False
    try:
        for event, element in iterparse(
            str(path), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        ):
            name = _name(element.tag)
            if event == "start":
                if name == "channel":
                    channel_element = element
                elif name == "rss":
                    continue
                continue
            if channel_element is None or name == "channel":
                continue
            if element not in channel_element:
                continue  # a child of an item or author, read with its parent
            if name in ("title", "link") and not getattr(channel, name):
                setattr(channel, name, (element.text or "").strip())
            elif name == "wp:base_site_url":
                channel.base_site_url = (element.text or "").strip()
            elif name == "wp:base_blog_url":
                channel.base_blog_url = (element.text or "").strip()
            elif name == "wp:wxr_version":
                channel.wxr_version = (element.text or "").strip()
            elif name in ("wp:author", "wp:category", "wp:tag", "wp:term", "item"):
                if not channel_sent:
                    channel_sent = True
                    yield channel
                if name == "wp:author":
                    yield _author(element)
                elif name in TERM_ELEMENTS:
                    yield _term(element, *TERM_ELEMENTS[name])
                else:
                    yield _item(element)
            # Done with it: drop it from the tree so memory stays flat.
            element.clear()
            channel_element.remove(element)
    except DefusedXmlException as error:
        raise ExportError(
            "The export declares a DTD or entities (for example an entity-expansion bomb or an "
            f"external entity); WordPress exports never do, so it was refused: {error}"
        ) from error
    except ParseError as error:
        raise ExportError(f"The export is not well-formed XML: {error}") from error
    except OSError as error:
        raise ExportError(f"The export cannot be read: {error}") from error
    if channel_element is None:
        raise ExportError("This file is not a WordPress export (no RSS channel).")
    if not channel_sent:
        yield channel


def parse_date(value):
    """An export's `YYYY-MM-DD HH:MM:SS` as an aware UTC datetime; None for WordPress's
    `0000-00-00 00:00:00` (never set) or anything unreadable."""
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
