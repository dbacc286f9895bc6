"""What the page cache decides about one reader page: one object on the response, which its
view starts (`pagecache.views.mark`) and the page cache middleware completes."""

from dataclasses import dataclass

# Kinds of reader page: search pages are kept as long as shared caches keep them.
PAGE, SEARCH = "page", "search"


@dataclass(slots=True)
class CacheDecision:
    # What the view says: the cache tags the page shows, its kind, and the query string it was
    # built for (None: a page not to keep, see `pagecache.views.mark`).
    tags: frozenset[str]
    kind: str = PAGE
    query: str | None = None
    # Episodes whose "You rated this" line the page shows (the `rated` cookie's part that
    # changes it); False for a page the same for every reader whatever their cookies.
    rated_episodes: tuple[int, ...] = ()
    reads_cookies: bool = True
    # What the page cache did: "hit", "miss", "bypass" or "stale" (its X-Page-Cache header),
    # the (max-age, s-maxage, proxy seconds) of a public answer, and the page it stored, for
    # `pagecache.wsgi` to give again.
    outcome: str = "bypass"
    lifetimes: tuple[int, int, int] | None = None
    stored: object | None = None


def decide(response, decision):
    """Put `decision` on `response`; the one way a response carries it."""
    response.cache_decision = decision
    return response


def decision_of(response):
    """The decision on `response`, or None for a response that is not a reader page."""
    return getattr(response, "cache_decision", None)
