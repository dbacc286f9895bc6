"""The caches: Redis (or local memory) and the page cache in front of reader pages."""

import os

from .base import env_bool, env_list

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "episodic")


# Redis is a cache: when it is away or hangs, pages are built uncached (core/cache.py). Each
# operation waits at most these seconds for it; after a failure the process leaves it alone for
# a back-off from REDIS_RETRY_SECONDS, doubling up to REDIS_RETRY_MAX_SECONDS, and logs one
# warning per REDIS_WARNING_SECONDS while it stays away.
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": float(os.environ.get("EPISODIC_REDIS_CONNECT_TIMEOUT", "0.25")),
    "socket_timeout": float(os.environ.get("EPISODIC_REDIS_TIMEOUT", "0.25")),
    "retry_seconds": float(os.environ.get("EPISODIC_REDIS_RETRY_SECONDS", "0.5")),
    "retry_max_seconds": float(os.environ.get("EPISODIC_REDIS_RETRY_MAX_SECONDS", "5")),
    "warning_seconds": float(os.environ.get("EPISODIC_REDIS_WARNING_SECONDS", "60")),
}


def redis_cache(url):
    """The cache on the Redis server at `url` (tests point it at servers of their own)."""
    return {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Pages, fragments and their tags' versions: the default 300 entries would evict
            # them faster than readers ask for them.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Reader pages and caches (pagecache). Readers without cookies get `public` pages: browsers keep
# them a minute (nothing can purge a browser); CDNs an hour, as every change purges the tags it
# touches; nginx, which cannot purge by tag, 10 seconds and then revalidates (a 304 from the
# page cache). Search results change with every recap, so shared caches keep them 5 minutes.
# No lifetime runs past the next scheduled publication. Each PAGE_CACHE_X here reads
# EPISODIC_PAGE_CACHE_X.
PAGE_CACHE_MAX_AGE = int(os.environ.get("EPISODIC_PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("EPISODIC_PAGE_CACHE_S_MAXAGE", "3600"))
PAGE_CACHE_SEARCH_S_MAXAGE = int(os.environ.get("EPISODIC_PAGE_CACHE_SEARCH_S_MAXAGE", "300"))
# nginx cannot purge by tag, so what it keeps is old for this long after a publication: one
# second keeps "published" meaning "on the home page" (make bench-load) while nginx still
# answers a spike's thousands of requests a second from one revalidation (a 304) per page.
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("EPISODIC_PAGE_CACHE_PROXY_SECONDS", "1"))
# Serve a copy a minute old while fetching a new one; a day old while the app is down.
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(
    os.environ.get("EPISODIC_PAGE_CACHE_STALE_WHILE_REVALIDATE", "60")
)
PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("EPISODIC_PAGE_CACHE_STALE_IF_ERROR", "86400"))
# The built-in page cache: on unless EPISODIC_PAGE_CACHE_ENABLED=0. With Redis every worker
# shares it and purges reach them all; local memory is per process, so there it keeps pages
# 10 seconds.
PAGE_CACHE_ENABLED = env_bool("EPISODIC_PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("EPISODIC_PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_LOCAL_SECONDS = int(os.environ.get("EPISODIC_PAGE_CACHE_LOCAL_SECONDS", "10"))
# Any text can be searched for: at most this many search pages are stored a minute (0: no bound).
PAGE_CACHE_SEARCH_PAGES_PER_MINUTE = int(
    os.environ.get("EPISODIC_PAGE_CACHE_SEARCH_PAGES_PER_MINUTE", "60")
)
PAGE_CACHE_RELEASE = os.environ.get("EPISODIC_PAGE_CACHE_RELEASE", "")
PAGE_CACHE_COMPRESSION = env_bool("EPISODIC_PAGE_CACHE_COMPRESSION", True)
# What the page cache (below the apps) reads from the apps above it: when recaps go live, and
# which reader pages a cache tag names.
PAGE_CACHE_PUBLICATIONS = "recaps.publications.publication_times"
PAGE_CACHE_PATHS = "reader.cache_paths.paths_of"
# What purges the caches in front of the app: nothing by default.
PAGE_CACHE_PURGER = {"BACKEND": "pagecache.front_purgers.NoPurger"}
if os.environ.get("EPISODIC_PAGE_CACHE_PURGE_SERVERS"):
    PAGE_CACHE_PURGER = {
        "BACKEND": "pagecache.front_purgers.HttpPurger",
        "OPTIONS": {
            "servers": env_list("EPISODIC_PAGE_CACHE_PURGE_SERVERS", []),
            "method": os.environ.get("EPISODIC_PAGE_CACHE_PURGE_METHOD", "BAN"),
        },
    }
elif os.environ.get("EPISODIC_PAGE_CACHE_PURGE_API_URL"):
    PAGE_CACHE_PURGER = {
        "BACKEND": "pagecache.front_purgers.ApiPurger",
        "OPTIONS": {
            "url": os.environ["EPISODIC_PAGE_CACHE_PURGE_API_URL"],
            "token": os.environ.get("EPISODIC_PAGE_CACHE_PURGE_API_TOKEN", ""),
        },
    }
