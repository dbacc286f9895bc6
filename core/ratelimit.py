"""A fixed-window, per-address counter in the cache, shared by every form readers post. The
address is the reader's own behind the site's proxies (core.client_address).

While the cache is away (core.cache.CacheUnavailable), each process counts by itself: a limit
then holds per process rather than for the site, which still stops a flood."""

import threading
import time
from collections import Counter

from django.core.cache import cache, caches

from core.cache import CacheUnavailable, RedisCache


def over_limit(scope, ip, per_minute):
    """Count this attempt; True once the address has made more than `per_minute` in `scope`
    this minute. A limit of 0 or None turns the check off."""
    if not per_minute:
        return False
    window = int(time.time() // 60)
    key = f"rate:{scope}:{ip}:{window}"
    try:
        if isinstance(caches["default"], RedisCache):
            return caches["default"].count(key, 90) > per_minute
        cache.add(key, 0, 90)
        return cache.incr(key) > per_minute
    except CacheUnavailable:
        return local_counts.incr(key, window) > per_minute
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 90)
        return False


class LocalCounts:
    """This minute's counts in this process, forgotten when the minute is over."""

    def __init__(self):
        self.lock = threading.Lock()
        self.window = None
        self.counts = Counter()

    def incr(self, key, window):
        with self.lock:
            if window != self.window:
                self.window, self.counts = window, Counter()
            self.counts[key] += 1
            return self.counts[key]


local_counts = LocalCounts()
