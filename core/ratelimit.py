"""A fixed-window, per-address counter in the cache, shared by every form readers post, and
the reader's address behind the site's own proxies."""

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@lru_cache
def _trusted(proxies):
    """DJANGO_TRUSTED_PROXIES: a number of proxy hops, or the proxies' networks."""
    if len(proxies) == 1 and proxies[0].isdigit():
        return int(proxies[0])
    return tuple(ipaddress.ip_network(network, strict=False) for network in proxies)


def client_ip(request):
    """The address the request came from. Behind trusted proxies (the TRUSTED_PROXIES
    setting) it is read from X-Forwarded-For, right to left, skipping the proxies themselves:
    each proxy appends the address it was talked to by, so everything left of the last
    trusted hop is whatever the client chose to send. With no proxy configured the header is
    ignored (a reader could otherwise pick any address)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    trusted = _trusted(tuple(settings.TRUSTED_PROXIES))
    if not trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [_address(hop) for hop in forwarded.split(",") if hop.strip()] + [_address(remote)]
    if isinstance(trusted, int):
        hop = chain[-(trusted + 1)] if len(chain) > trusted else None
    else:
        hop = None
        for address in reversed(chain):
            if address is None or not any(address in network for network in trusted):
                hop = address
                break
    return str(hop) if hop is not None else remote


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
