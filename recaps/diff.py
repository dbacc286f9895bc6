"""A readable diff between two revisions of a recap: each field's text line by line (difflib),
then its stills and tags. Values are plain text; the template escapes them."""

import difflib
import re

from taggit.models import Tag

from .checks import plain_text
from .legacy_tags import LINK_MODELS
from .models import Recap, Still

FIELDS = [
    "subtitle",
    "slug",
    "intro",
    "body",
    "bonus_track",
    "review",
    "verdict",
    "rating",
    "meta_description",
    "also_read",
]
RICH = {"intro", "body", "bonus_track", "review"}
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def text_lines(name, value):
    if value is None:
        return []
    if name in RICH:
        return [line for line in (plain_text(part) for part in _BLOCK_END.split(value)) if line]
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).splitlines() or [""]


def line_diff(old, new):
    """Rows of (kind, text): kind is "same", "removed" or "added"."""
    rows = []
    for line in difflib.ndiff(old, new):
        code, text = line[:2], line[2:]
        if code == "  ":
            rows.append(("same", text))
        elif code == "- ":
            rows.append(("removed", text))
        elif code == "+ ":
            rows.append(("added", text))
    return rows


def _related(version, *models):
    return [v for v in version.revision.version_set.all() if v._model in models]


def _stills(version):
    lines = []
    for still in sorted(
        (v.field_dict for v in _related(version, Still)),
        key=lambda d: (d["section"], d["order"], d["id"]),
    ):
        hero = ", hero" if still["is_hero"] else ""
        lines.append(f"{still['section']} #{still['order']}{hero}: {still['alt_text']}")
    return lines


def _tags(version):
    # Older revisions hold taggit's generic rows instead of TaggedRecap ones (legacy_tags).
    ids = [v.field_dict["tag_id"] for v in _related(version, *LINK_MODELS)]
    return sorted(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))


def _also_read(ids):
    recaps = Recap.objects.filter(pk__in=ids or []).select_related("episode__show")
    return sorted(recap.headline for recap in recaps)


def compare(older, newer):
    """[(label, rows)] for every field, stills and tags that differ between two versions."""
    changes = []
    old_fields, new_fields = older.field_dict, newer.field_dict
    for name in FIELDS:
        old, new = old_fields.get(name), new_fields.get(name)
        if name == "also_read":
            old, new = _also_read(old), _also_read(new)
        if old == new:
            continue
        label = Recap._meta.get_field(name).verbose_name
        changes.append((label, line_diff(text_lines(name, old), text_lines(name, new))))
    for label, read in (("stills", _stills), ("tags", _tags)):
        old, new = read(older), read(newer)
        if old != new:
            changes.append((label, line_diff(old, new)))
    return changes
