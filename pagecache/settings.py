"""How long reader pages may be kept, and where: read from Django's settings (which read the
environment) once per call, so tests can override them."""

import hashlib
import time
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from django.utils.module_loading import import_string


def enabled():
    return settings.PAGE_CACHE_ENABLED


def is_shared():
    """Whether every app server sees the same cache (Redis), or each process its own."""
    # The backend itself: `cache` is a proxy to it, never a LocMemCache.
    return not isinstance(caches["default"], LocMemCache)


def page_seconds():
    """How long the built-in page cache keeps a page. A purge reaches only the process that
    made it when the cache is local memory, so there pages are kept briefly."""
    if is_shared():
        return settings.PAGE_CACHE_SECONDS
    return min(settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_LOCAL_SECONDS)


def fragment_seconds():
    return page_seconds()


@memoize
def release():
    """Part of every key, so a deploy never serves HTML made by the previous code: the
    static manifest's hash (it changes with every CSS/JS change), or EPISODIC_RELEASE."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        return hashlib.blake2b(manifest.read_bytes(), digest_size=6).hexdigest()
    except OSError:
        return "dev"


PUBLICATIONS_KEY = "pc:publications"


def known_publications(stored, recaps_version, now):
    """The (last, next) kept in the cache, if still current, else None."""
    if stored is None or recaps_version is None:
        return None
    built_at, last, upcoming = stored
    if (upcoming is None or upcoming > now) and (recaps_version < built_at or recaps_version > now):
        return last, upcoming
    return None


def publications(now=None, known=None):
    """(last, next): the Unix times of the latest publish time that has come and of the next
    scheduled one (None if there is none), kept until a recap's publication changes or the
    next one comes. `known`: what `known_publications` found, if it was already read."""
    from . import tags

    now = time.time() if now is None else now
    if known is None:
        stored = cache.get_many([PUBLICATIONS_KEY, tags.VERSION_PREFIX + tags.RECAPS])
        known = known_publications(
            stored.get(PUBLICATIONS_KEY), stored.get(tags.VERSION_PREFIX + tags.RECAPS), now
        )
    if known is not None:
        return known
    built_at = time.time()
    moment = timezone.now()
    last, upcoming = import_string(settings.PAGE_CACHE_PUBLICATIONS)(moment)
    last = last and last.timestamp()
    upcoming = upcoming and upcoming.timestamp()
    tags.remember([tags.RECAPS], built_at)
    cache.set(PUBLICATIONS_KEY, (built_at, last, upcoming), None)
    return last, upcoming


def until(seconds, upcoming, now):
    """`seconds`, cut short so that nothing kept outlives the `upcoming` publication."""
    if upcoming is None:
        return int(seconds)
    return max(0, min(int(seconds), int(upcoming - now)))


def lifetime(seconds, now=None):
    """`seconds`, cut short so that nothing kept outlives the next scheduled publication."""
    now = time.time() if now is None else now
    return until(seconds, publications(now)[1], now)


def search_s_maxage():
    return min(settings.CACHE_S_MAXAGE, settings.CACHE_SEARCH_S_MAXAGE)


def search_pages_per_minute():
    """Search pages the page cache stores a minute at most (0: no bound)."""
    return settings.PAGE_CACHE_SEARCH_PAGES_PER_MINUTE
