"""Pass 1 of the import: the whole export read once, before anything is written.

Reading it proves the XML is well-formed and safe (wxr raises ExportError otherwise), counts the
posts for the progress bar, and keeps the small records every post may refer to: authors,
terms, attachments (without their text) and each post's old address."""

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.utils.encoding import escape_uri_path

from . import wxr


@dataclass
class Scan:
    channel: wxr.Channel = None
    authors: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> Term
    attachments: dict = field(default_factory=dict)  # id -> Item without content
    post_paths: dict = field(default_factory=dict)  # old path -> post id
    post_count: int = 0

    @property
    def site_url(self):
        return self.channel.site_url if self.channel else ""


def scan(path):
    found = Scan()
    for record in wxr.read(path):
        if isinstance(record, wxr.Channel):
            found.channel = record
        elif isinstance(record, wxr.Author):
            found.authors.append(record)
        elif isinstance(record, wxr.Term):
            found.terms[(record.taxonomy, record.slug)] = record
        elif record.type == "attachment":
            record.content = ""
            found.attachments[record.id] = record
        elif record.type in ("post", "page"):
            found.post_count += 1
            if record.type == "post":
                found.post_paths[old_path(record.link)] = record.id
                found.post_paths[f"/?p={record.id}"] = record.id
    return found


def old_path(url):
    """The path (and WordPress query) an old link is asked for, as Django's
    `request.get_full_path()` spells it."""
    parts = urlsplit(url or "")
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path
