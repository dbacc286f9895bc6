"""A fixed-window, per-address counter in the cache, shared by every form readers post."""

import time

from django.core.cache import cache


def client_ip(request):
    # X-Forwarded-For is whatever the client says unless a trusted proxy rewrote it; the
    # deployment puts the proxy's answer in REMOTE_ADDR, so that is all we read.
    return request.META.get("REMOTE_ADDR") or ""


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
