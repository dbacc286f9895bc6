"""The page cache's configuration: how long reader pages may be kept, and where. Read from
Django's settings (which read the environment) on each call, so tests can override them."""

import hashlib
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache


def enabled():
    return settings.PAGE_CACHE_ENABLED


def is_shared():
    """Whether every app server sees the same cache (Redis), or each process its own."""
    # The backend itself: `cache` is a proxy to it, never a LocMemCache.
    return not isinstance(caches["default"], LocMemCache)


def page_seconds():
    """How long the built-in page cache keeps a page (and a fragment). A purge reaches only the
    process that made it when the cache is local memory, so there pages are kept briefly."""
    if is_shared():
        return settings.PAGE_CACHE_SECONDS
    return min(settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_LOCAL_SECONDS)


@memoize
def release():
    """Part of every key, so a deploy never serves HTML made by the previous code: the
    static manifest's hash (it changes with every CSS/JS change), or PAGE_CACHE_RELEASE."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        return hashlib.blake2b(manifest.read_bytes(), digest_size=6).hexdigest()
    except OSError:
        return "dev"


def search_s_maxage():
    return min(settings.PAGE_CACHE_S_MAXAGE, settings.PAGE_CACHE_SEARCH_S_MAXAGE)


def search_pages_per_minute():
    """Search pages the page cache stores a minute at most (0: no bound)."""
    return settings.PAGE_CACHE_SEARCH_PAGES_PER_MINUTE
