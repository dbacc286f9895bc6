"""The built-in page cache: reader pages for readers who are not signed in, served from
Django's cache (Redis, or local memory) until a tag they show is purged.

Keys: the code's release, scheme, host, path and query string. A page is stored only for the
query its view built it for (`pagecache.views.mark`): the parameters it reads, with values it
accepts, spelled as its links spell them. Any other query is answered and never stored, so a
query string cannot make the cache grow; search pages, which readers vary at will, are stored
for a search's lifetime and at most PAGE_CACHE_SEARCH_PAGES_PER_MINUTE a minute. Readers with a
theme, spoiler mark or ratings cookie get the copy made for the part of their cookies that
changes this page (their theme, their marks for the shows the page shows, their score for the
episode it rates): a bounded number of copies per page. Staff and readers with a held comment
(a session) bypass the cache.

While the database is away, a request whose page cannot be built gets the copy stored for it
even past its lifetime, or after a purge (`X-Page-Cache: stale`, with its `Age`), for as long as
the `stale-if-error` the pages promise shared caches: stored copies are kept that much longer
than they are fresh. Anything else goes on to `core.database_outage`'s 503."""

import gzip
import hashlib
import time

import brotli
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from core.database_outage import DATABASE_AWAY
from core.ratelimit import over_limit

from . import conf, cookies, freshness, policy, schedule, tags
from .decision import SEARCH, CacheDecision, decide, decision_of

KEY_PREFIX = "pc:page:"
VARY_PREFIX = "pc:vary:"
COMPRESS_MIN_BYTES = 1024
NO_VARIANTS = {"shows": [], "episodes": [], "reads_cookies": False}
# Headers set afresh on every answer, never replayed from a stored copy.
FRESH_HEADERS = frozenset(
    {
        "cache-control",
        "last-modified",
        "x-accel-expires",
        "etag",
        "vary",
        "content-length",
        "content-encoding",
        "set-cookie",
        "cache-tag",
    }
)


def cacheable_request(request):
    return request.method in ("GET", "HEAD") and policy.SESSION_COOKIE not in request.COOKIES


def page_key(request):
    query = request.META.get("QUERY_STRING", "")
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def stored_page_key(request, base, spec):
    return f"{KEY_PREFIX}{conf.release()}:{base}:{variant(request, spec)}"


def variant(request, spec):
    """The part of the reader's cookies that changes this page, as text ("" without any)."""
    if not spec["reads_cookies"] or not cookies.has_reader_cookies(request):
        return ""
    from preferences.theme import chosen_theme
    from ratings import rated_cookie
    from spoilers import marks

    watched = marks.for_request(request)
    rated = rated_cookie.read(request) if spec["episodes"] else {}
    parts = [
        chosen_theme(request) or "",
        ";".join(f"{pk}:{watched.get(pk)}" for pk in spec["shows"] if watched.get(pk)),
        ";".join(f"{pk}:{rated.get(pk)}" for pk in spec["episodes"] if rated.get(pk)),
    ]
    return "|".join(parts)


def accepted_encoding(request):
    offered = {}
    for item in request.headers.get("Accept-Encoding", "").split(","):
        name, _, parameters = item.strip().partition(";")
        quality = parameters.strip().removeprefix("q=")
        try:
            offered[name.strip().lower()] = float(quality) if quality else 1.0
        except ValueError:
            continue
    for name in ("br", "gzip"):
        if offered.get(name, 0) > 0:
            return name
    return None


ENCODERS = {
    "br": lambda content: brotli.compress(content, quality=5),
    "gzip": lambda content: gzip.compress(content, 6, mtime=0),
}


def compressed(content, encodings=tuple(ENCODERS)):
    """{encoding: content encoded} for a page large enough to gain from it."""
    if len(content) < COMPRESS_MIN_BYTES:
        return {}
    return {name: ENCODERS[name](content) for name in encodings}


def stale_seconds(kind):
    """How long past its lifetime a page is kept, for while the database is away
    (`stale_copy`): stale-if-error, but not for search pages, which any text makes (up to a
    budget a minute): a day of them would be a day's budget of pages."""
    return 0 if kind == SEARCH else settings.PAGE_CACHE_STALE_IF_ERROR


class StoredPage:
    __slots__ = (
        "built_at",
        "modified",
        "expires",
        "tags",
        "kind",
        "reads_cookies",
        "headers",
        "content",
        "encoded",
        "etag",
    )

    def __init__(self, response, decision, built_at, modified, expires):
        self.built_at = built_at
        self.modified = modified
        # Checked on every hit as well as given to the cache, so a copy never outlives the
        # next scheduled publication, whatever the cache server's clock says.
        self.expires = expires
        self.tags = sorted(decision.tags)
        self.kind = decision.kind
        self.reads_cookies = decision.reads_cookies
        self.headers = [
            (name, value) for name, value in response.items() if name.lower() not in FRESH_HEADERS
        ]
        self.content = response.content
        self.encoded = compressed(self.content) if settings.PAGE_CACHE_COMPRESSION else {}
        self.etag = policy.strong_etag(self.content)

    def __getstate__(self):
        return [getattr(self, name) for name in self.__slots__]

    def __setstate__(self, state):
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)

    def response(self):
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        response["ETag"] = self.etag
        decision = CacheDecision(
            tags=frozenset(self.tags),
            kind=self.kind,
            reads_cookies=self.reads_cookies,
            outcome="hit",
        )
        return decide(response, decision)


def vary_spec(decision):
    """Which reader cookies' parts this page depends on: marks for the shows it shows, and
    the score for the episodes whose own rating it shows."""
    shows = sorted(int(name[5:]) for name in decision.tags if name.startswith("show:"))
    episodes = sorted(decision.rated_episodes)
    return {"shows": shows, "episodes": episodes, "reads_cookies": decision.reads_cookies}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time()
        use_cache = conf.enabled() and cacheable_request(request)
        try:
            return self.respond(request, use_cache, started)
        except DATABASE_AWAY:
            stale = self.stale_copy(request, started) if use_cache else None
            if stale is None:
                raise
            return self.answer_stale(request, stale, started)

    def respond(self, request, use_cache, started):
        if use_cache:
            base = page_key(request)
            found = self.lookup(request, base, started)
            if found is not None:
                stored, publications = found
                response = stored.response()
                modified = stored.modified
                return self.answer(request, response, stored, modified, started, publications)
        started_token = tags.page_started.set(started)
        versions_token = tags.page_versions.set({})
        try:
            response = self.get_response(request)
            decision = decision_of(response)
            if decision is None or response.status_code != 200 or response.streaming:
                return response
            known = tags.remember(decision.tags, started)
        finally:
            tags.page_versions.reset(versions_token)
            tags.page_started.reset(started_token)
        publications = schedule.publications(started)
        modified = policy.last_modified(known, started, publications[0])
        stored = None
        if use_cache and self.storable(request, response, decision):
            kind = decision.kind
            lifetime = schedule.until(policy.kept_seconds(kind), publications[1], started)
            if lifetime > 0 and self.within_budget(kind):
                stored = StoredPage(response, decision, started, modified, started + lifetime)
                spec = vary_spec(decision)
                entries = {VARY_PREFIX + base: spec, stored_page_key(request, base, spec): stored}
                if cache.set_many(entries, lifetime + stale_seconds(kind)):
                    stored = None  # the cache is away or full: the page is not kept
        decision.outcome = "miss" if stored else "bypass"
        return self.answer(request, response, stored, modified, started, publications)

    def lookup(self, request, base, now):
        """The stored copy of this page for this reader and the publication schedule, if the
        copy is still fresh: two reads of the cache (three for a reader with cookies)."""
        stored = self.stored_copy(request, base)
        if stored is None:
            return None
        current = freshness.check(
            stored.built_at, stored.expires, stored.tags, now, with_schedule=True
        )
        return None if current is None else (stored, current.schedule)

    def stored_copy(self, request, base):
        """The copy stored for this page and this reader's variant, however old, or None."""
        spec = NO_VARIANTS
        if cookies.has_reader_cookies(request):
            spec = cache.get(VARY_PREFIX + base)
            if spec is None:
                return None
        return cache.get(stored_page_key(request, base, spec))

    def stale_copy(self, request, now):
        """The copy last stored for this page and reader, however old (up to stale-if-error
        past its lifetime) and whatever was purged since: the last good copy, as a CDN's
        stale-if-error or Varnish's grace serve it while the origin is down."""
        stored = self.stored_copy(request, page_key(request))
        if stored is None:
            return None
        # Checked here too, as the cache server's clock may keep a copy longer than we asked.
        if not stored.built_at <= now < stored.expires + stale_seconds(stored.kind):
            return None
        return stored

    def answer_stale(self, request, stored, now):
        """The stored copy as it was given, marked stale and kept by no cache after us: the
        next answer may be the fresh page."""
        response = stored.response()
        decision_of(response).outcome = "stale"
        if stored.reads_cookies:
            patch_vary_headers(response, ["Cookie"])
        response["Cache-Tag"] = ",".join(stored.tags)
        response["Last-Modified"] = http_date(stored.modified)
        patch_cache_control(response, no_store=True)
        response["X-Accel-Expires"] = "0"
        if settings.PAGE_CACHE_COMPRESSION:
            self.compress(request, response, stored)
        response["X-Page-Cache"] = "stale"
        response["Age"] = str(max(0, int(now - stored.built_at)))
        response["Content-Length"] = str(len(response.content))
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=int(stored.modified), response=response
        )
        if conditional is not response:
            for name in ("Cache-Tag", "X-Accel-Expires", "X-Page-Cache", "Age"):
                conditional[name] = response[name]
        return conditional

    def storable(self, request, response, decision):
        query = request.META.get("QUERY_STRING", "")
        return query == decision.query and not (
            response.cookies
            or policy.said_private(response)
            or "nonce-" in response.get("Content-Security-Policy", "")
        )

    def within_budget(self, kind):
        """Counts a page about to be stored: false for a search page past this minute's
        budget (any text can be searched for, each a page of its own)."""
        if kind != SEARCH:
            return True
        return not over_limit("page-cache-search", "site", conf.search_pages_per_minute())

    def answer(self, request, response, stored, modified, now, publications=None):
        decision = decision_of(response)
        publications = publications or schedule.publications(now)
        policy.apply(request, response, decision, modified, publications, now)
        if settings.PAGE_CACHE_COMPRESSION:
            self.compress(request, response, stored)
        response["X-Page-Cache"] = decision.outcome
        if stored is not None and decision.lifetimes is not None:
            # What `pagecache.wsgi` needs to answer the same request again by itself.
            decision.stored = stored
        response["Content-Length"] = str(len(response.content))
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=int(modified), response=response
        )
        if conditional is not response:
            for name in ("Cache-Tag", "X-Accel-Expires", "X-Page-Cache"):
                if name in response:
                    conditional[name] = response[name]
        return conditional

    def compress(self, request, response, stored):
        """br or gzip for clients that take it. Reader pages hold no secret (no CSRF token, no
        personal data), so compression cannot leak one (BREACH)."""
        response.headers["Vary"] = ", ".join(
            filter(None, [response.get("Vary"), "Accept-Encoding"])
        )
        encoding = accepted_encoding(request)
        if encoding is None:
            return
        if stored is not None:
            encoded = stored.encoded
        else:
            encoded = compressed(response.content, [encoding])
        if encoding not in encoded:
            return
        response.content = encoded[encoding]
        response["Content-Encoding"] = encoding
        response["ETag"] = response["ETag"][:-1] + f'-{encoding}"'
