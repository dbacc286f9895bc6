"""When recaps go live, for lifetimes: nothing the caches keep outlives the next scheduled
publication, so a recap due at 9:00 is on every page from 9:00 without a purge.

The times come from the app that owns recaps (`PAGE_CACHE_PUBLICATIONS`) and are kept in the
cache until a recap's publication changes (a purge of `tags.RECAPS`) or the next one comes."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

from . import tags

PUBLICATIONS_KEY = "pc:publications"
# What `current` reads: the kept times and the version of the tag that purges them.
KEYS = (PUBLICATIONS_KEY, tags.VERSION_PREFIX + tags.RECAPS)


def current(found, now):
    """The (last, next) publication times kept in the cache, if still current, else None.
    `found`: what the cache holds of KEYS."""
    stored = found.get(PUBLICATIONS_KEY)
    if stored is None:
        return None
    built_at, last, upcoming = stored
    recaps = {tags.RECAPS: found.get(tags.VERSION_PREFIX + tags.RECAPS)}
    if (upcoming is None or upcoming > now) and tags.is_fresh([tags.RECAPS], built_at, now, recaps):
        return last, upcoming
    return None


def publications(now=None):
    """(last, next): the Unix times of the latest publish time that has come and of the next
    scheduled one (None if there is none)."""
    now = time.time() if now is None else now
    known = current(cache.get_many(list(KEYS)), now)
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
