"""A fixed-window, per-address counter in the cache, shared by every form readers post. The
address is the reader's own behind the site's proxies (core.client_address)."""

import time

from django.core.cache import cache


def over_limit(scope, ip, per_minute):
    """Count this attempt; True once the address has made more than `per_minute` in `scope`
    this minute. A limit of 0 or None turns the check off."""
    if not per_minute:
        return False
    key = f"rate:{scope}:{ip}:{int(time.time() // 60)}"
    cache.add(key, 0, 90)
    try:
        return cache.incr(key) > per_minute
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 90)
        return False
