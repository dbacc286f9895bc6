"""Fragments: values a page shows (an article, a list's cards, a comments section), kept
reader-independent in the cache until a tag they show is purged, the next scheduled recap
goes live, or their lifetime ends."""

import hashlib
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache

from . import conf, freshness, schedule, tags

FRAGMENT_PREFIX = "pc:fragment:"


def cached_fragment(
    name: str,
    tags_shown: Iterable[str],
    build: Callable[[], object],
    key_parts: Iterable[object] = (),
    timeout: int | None = None,
    tags_of: Callable[[object], Iterable[str]] | None = None,
):
    """`build()`'s value, kept until one of `tags_shown` (or of `tags_of(value)`, for what only
    the value knows it shows) is purged, the next scheduled recap goes live, or `timeout`
    seconds pass. Keep values reader-independent: data, not masked HTML, and never None."""
    names = set(tags_shown)
    value = kept_fragment(name, key_parts, names)
    if value is not None:
        return value
    now = time.time()
    started = min(now, tags.page_started.get() or now)
    value = build()
    if tags_of is not None:
        names |= set(tags_of(value))
    names = sorted(names)
    tags.remember([*names, tags.SITE], started)
    lifetime = schedule.lifetime(timeout or conf.page_seconds(), now)
    if lifetime > 0:
        cache.set(_fragment_key(name, key_parts), (started, now + lifetime, names, value), lifetime)
    return value


def kept_fragment(name: str, key_parts: Iterable[object] = (), tags_shown: Iterable[str] = ()):
    """The value `cached_fragment` keeps for `name` and `key_parts` (showing at least
    `tags_shown`) while it is fresh, else None."""
    stored = cache.get(_fragment_key(name, key_parts))
    if stored is None:
        return None
    built_at, expires, stored_tags, value = stored
    current = freshness.check(built_at, expires, [*stored_tags, tags.SITE])
    return value if current is not None and set(tags_shown) <= set(stored_tags) else None


def _fragment_key(name, key_parts):
    digest = hashlib.blake2b(repr((name, *key_parts)).encode(), digest_size=16).hexdigest()
    return f"{FRAGMENT_PREFIX}{conf.release()}:{digest}"
