"""Cache tags: every cached page and fragment names what it shows ("recap:12", "show:3",
"recaps"), and a change purges the tags it touches.

A tag's version is the time of its last purge, kept in the default cache. Whatever was built
(page or fragment) before one of its tags' versions is stale; so a purge is one write however
many pages show the tag, and nothing needs a list of the pages. With Redis every worker sees
the same versions; a local-memory cache is per process (see `pagecache.settings`).

A tag whose version was evicted from the cache is unknown, which counts as stale: a purge that
the cache forgot can never bring an old copy back.

A version may lie in the future: that is a purge already decided but not yet in force, which
readers' ratings use to refresh their pages at most once a minute (`purge_at`).

A purge is never forgotten when Redis cannot take it. Its versions are deleted instead where
Redis still takes that (a full `maxmemory` refuses writes, not deletes): unknown counts as
stale. And the process keeps the tags, to purge them again as soon as Redis answers (a thread
tries every RETRY_SECONDS). A process that found Redis away also purges SITE, which every page
and fragment counts as one of its tags, once it answers again (core.cache.after_outage): it
cannot know which purges other processes made meanwhile, and none of its pages or fragments
kept from before may be served as fresh until they are made again.
"""

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.core.cache import cache

from . import settings
from .generation import new_generation

VERSION_PREFIX = "pc:tag:"
FRAGMENT_PREFIX = "pc:fragment:"
RETRY_SECONDS = 1

# When the page being built began (set by the page cache middleware): a fragment built for it
# counts from then, so the tags it makes known never look newer than the page.
page_started: ContextVar[float | None] = ContextVar("page_started", default=None)
# The tag versions read while a page is built ({tag: version, or None when unknown}), set by the
# middleware: the page names the same tags as the fragments it shows, whose versions were just
# read, so each is read from the cache once per page.
page_versions: ContextVar[dict | None] = ContextVar("page_versions", default=None)

# Tags that every reader page carries, for changes that touch every page.
SITE = "site"
# Any change to which recaps are published, or when: lists, feeds, neighbours, Also Read.
RECAPS = "recaps"
# The shows A–Z list and the home page's "Airing now".
SHOWS = "shows"
# When any published recap's text last changed: the sitemap's lastmod of every recap.
TEXTS = "texts"


def recap(pk):
    return f"recap:{pk}"


def comments(recap_pk):
    return f"comments:{recap_pk}"


def show(pk):
    return f"show:{pk}"


def person(pk):
    return f"person:{pk}"


def tag(pk):
    return f"tag:{pk}"


def ratings(episode_pk):
    return f"ratings:{episode_pk}"


def versions(tags):
    """{tag: time of its last purge} for the tags the cache still knows."""
    seen = page_versions.get()
    if seen is None:
        return read_versions(tags)
    unread = [name for name in tags if name not in seen]
    if unread:
        found = read_versions(unread)
        seen.update({name: found.get(name) for name in unread})
    return {name: seen[name] for name in tags if seen[name] is not None}


def read_versions(tags):
    keys = {VERSION_PREFIX + name: name for name in tags}
    return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}


def _note_versions(new_versions):
    """Keep the page's memo in step with what this process wrote: a version, or None for one
    to read again."""
    seen = page_versions.get()
    if seen is None:
        return
    for name, version in new_versions.items():
        if version is None:
            seen.pop(name, None)
        else:
            seen[name] = version


def remember(tags, built_at):
    """Give tags that the cache does not know a version just before `built_at`, so that what
    was built at `built_at` is fresh until the next purge. Existing versions are kept."""
    known = versions(tags)
    for name in set(tags) - set(known):
        added = cache.add(VERSION_PREFIX + name, built_at - 0.001, None)
        # Not added: another process gave it a version meanwhile, to be read next time.
        _note_versions({name: built_at - 0.001 if added else None})
    return known


def is_fresh(tags, built_at, now=None, known=None):
    """Whether something built at `built_at` and showing `tags` is still current: built after
    the last purge of each tag (a purge in the same instant wins, as under a frozen clock).
    `known`: the tags' versions, if already read."""
    now = time.time() if now is None else now
    known = versions(tags) if known is None else known
    for name in tags:
        version = known.get(name)
        if version is None or built_at <= version <= now:
            return False
    return True


def purge(tags):
    """Everything built before now showing any of `tags` is stale."""
    tags = set(tags)
    if tags:
        _set_versions(tags, time.time())
        new_generation()


def purge_within(tags, seconds):
    """Purge `tags` `seconds` from now, unless a purge of them is already due: many changes in
    a row then cost one purge, and none waits longer than `seconds` to show."""
    now = time.time()
    due = {name for name, version in versions(tags).items() if version > now}
    pending = set(tags) - due
    if pending:
        _set_versions(pending, now + seconds)
        new_generation()
    return pending


def _set_versions(names, version):
    failed = cache.set_many({VERSION_PREFIX + name: version for name in names}, None)
    if not failed:
        _note_versions(dict.fromkeys(names, version))
        return
    cache.delete_many(failed)
    _note_versions(dict.fromkeys(names))
    unpublished.keep(names)


class Unpublished:
    """Tags whose purge Redis did not take, purged again (now) once it does."""

    def __init__(self):
        self.tags = set()
        self.lock = threading.Lock()
        self.retrying = False

    def keep(self, names):
        with self.lock:
            self.tags |= set(names)
            if self.retrying:
                return
            self.retrying = True
        threading.Thread(target=self.retry_until_done, name="page-purges", daemon=True).start()

    def take(self):
        with self.lock:
            names, self.tags = self.tags, set()
        return names

    def retry_until_done(self):
        while True:
            time.sleep(RETRY_SECONDS)
            with self.lock:
                if not self.tags:
                    self.retrying = False
                    return
            # Tried now, not when the cache's back-off next allows it: the purges go out within
            # RETRY_SECONDS of Redis's return (the cache's recovery purges them, with SITE).
            reachable = getattr(cache, "reachable", None)
            if reachable is not None:
                reachable(force=True)
            purge(self.take())


unpublished = Unpublished()


def after_outage():
    """Redis answers again after this process found it away (core.cache.after_outage)."""
    purge({SITE, *unpublished.take()})


def cached_fragment(
    name: str,
    tags: Iterable[str],
    build: Callable[[], object],
    key_parts: Iterable[object] = (),
    timeout: int | None = None,
    tags_of: Callable[[object], Iterable[str]] | None = None,
):
    """`build()`'s value, kept until one of `tags` (or of `tags_of(value)`, for what only the
    value knows it shows) is purged, the next scheduled recap goes live, or `timeout` seconds
    pass. Keep values reader-independent: data, not masked HTML, and never None."""
    tags = set(tags)
    value = kept_fragment(name, key_parts, tags)
    if value is not None:
        return value
    now = time.time()
    started = min(now, page_started.get() or now)
    value = build()
    if tags_of is not None:
        tags |= set(tags_of(value))
    tags = sorted(tags)
    remember([*tags, SITE], started)
    lifetime = settings.lifetime(timeout or settings.fragment_seconds(), now)
    if lifetime > 0:
        cache.set(_fragment_key(name, key_parts), (started, now + lifetime, tags, value), lifetime)
    return value


def kept_fragment(name: str, key_parts: Iterable[object] = (), tags: Iterable[str] = ()):
    """The value `cached_fragment` keeps for `name` and `key_parts` (showing at least `tags`)
    while it is fresh, else None."""
    stored = cache.get(_fragment_key(name, key_parts))
    if stored is None:
        return None
    built_at, expires, stored_tags, value = stored
    now = time.time()
    fresh = built_at <= now < expires and is_fresh([*stored_tags, SITE], built_at, now)
    return value if fresh and set(tags) <= set(stored_tags) else None


def _fragment_key(name, key_parts):
    digest = hashlib.blake2b(repr((name, *key_parts)).encode(), digest_size=16).hexdigest()
    return f"{FRAGMENT_PREFIX}{settings.release()}:{digest}"
