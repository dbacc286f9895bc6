"""What a reader page's response says to caches: public with validators for readers without
cookies, private for a page built from a reader's own cookies (`pagecache.cookies`), and which
tags it shows."""

import hashlib

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import conf, cookies, schedule
from .decision import SEARCH

# Staff, and a reader whose comment awaits moderation: their pages are never shared or kept.
SESSION_COOKIE = settings.SESSION_COOKIE_NAME


def is_personal(request, decision):
    """Staff and held comments (a session), or a page built from the reader's cookies."""
    if SESSION_COOKIE in request.COOKIES:
        return True
    return decision.reads_cookies and cookies.has_reader_cookies(request)


def strong_etag(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def said_private(response):
    """The view itself kept the page out of shared caches (previews, the spoiler warning)."""
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control or "no-cache" in control


def kept_seconds(kind):
    """How long the page cache keeps a kind of page: search pages as long as shared caches keep
    them (readers vary searches at will, so what is kept is bounded by time too)."""
    if kind == SEARCH:
        return min(conf.page_seconds(), conf.search_s_maxage())
    return conf.page_seconds()


def lifetimes(kind, now, upcoming):
    """(max-age, s-maxage, proxy seconds) for a kind of page, never past the next scheduled
    publication (`upcoming`): a recap due at 9:00 is on every page from 9:00 without a purge."""
    shared = conf.search_s_maxage() if kind == SEARCH else settings.PAGE_CACHE_S_MAXAGE
    return tuple(
        schedule.until(seconds, upcoming, now)
        for seconds in (settings.PAGE_CACHE_MAX_AGE, shared, settings.PAGE_CACHE_PROXY_SECONDS)
    )


def last_modified(known_versions, built_at, last_publication):
    """The latest change the page shows: its tags' last purge or the last publication that
    came, never later than when the page was built."""
    moments = [*(version for version in known_versions.values() if version < built_at)]
    if last_publication is not None:
        moments.append(last_publication)
    return min(built_at, max(moments)) if moments else built_at


def apply(request, response, decision, modified, publications, now):
    """Set the caching headers of a reader page (status 200, tagged by its view): `modified`
    its Last-Modified (a Unix time), `publications` the (last, next) publication times. The
    lifetimes of a public page go to `decision.lifetimes`."""
    if decision.reads_cookies:
        patch_vary_headers(response, ["Cookie"])
    response["Cache-Tag"] = ",".join(sorted(decision.tags))
    if "ETag" not in response:
        response["ETag"] = strong_etag(response.content)
    response["Last-Modified"] = http_date(modified)
    if is_personal(request, decision) or said_private(response) or response.cookies:
        patch_cache_control(response, private=True)
        return response
    decision.lifetimes = lifetimes(decision.kind, now, publications[1])
    max_age, s_maxage, proxy_seconds = decision.lifetimes
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=s_maxage,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_CACHE_STALE_IF_ERROR,
    )
    # nginx's own lifetime (it reads and drops this header): short, as it cannot purge by tag;
    # it revalidates with If-None-Match and gets a 304 from the page cache.
    response["X-Accel-Expires"] = str(proxy_seconds)
    return response
