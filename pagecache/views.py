"""How a reader view names what its page shows, for the page cache and for CDNs."""

from functools import wraps

from core.seo import query_string

from . import tags
from .decision import PAGE, CacheDecision, decide


def mark(response, page_tags, kind=PAGE, rated_episodes=(), reads_cookies=True, query=()):
    """Mark `response` as a reader page showing `page_tags`. `rated_episodes`: episodes whose
    "You rated this" line the page shows (the `rated` cookie's part that changes it);
    `reads_cookies=False` for what is the same for every reader (feeds, sitemap).

    `query`: what the page was built for, as (name, value) pairs of the parameters the view
    read with the values it accepted, in the order its links write them; None for a page not
    to keep. The page cache keeps the page only for a request whose query string is exactly
    `core.seo.query_string(*query)`: any other query (a parameter the view does not read, a
    value it refused or read as another, another spelling) is answered and never stored, so
    no query string can make the cache grow."""
    decision = CacheDecision(
        tags=frozenset({tags.SITE, *page_tags}),
        kind=kind,
        query=None if query is None else query_string(*query),
        rated_episodes=tuple(rated_episodes),
        reads_cookies=reads_cookies,
    )
    return decide(response, decision)


class CacheTaggedMixin:
    """For class-based reader views: `cache_tags(context)` names what the page shows."""

    cache_kind = PAGE

    def cache_tags(self, context):
        raise NotImplementedError

    def rated_episodes(self, context):
        return ()

    def cache_query(self, context):
        """What the page was built for (see `mark`): a list's page number."""
        page = context.get("page_obj")
        # `is not None`: a Page's truth is its length, which would read the page's rows.
        return [("page", page.number)] if page is not None else []

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return mark(
            response,
            self.cache_tags(context),
            self.cache_kind,
            self.rated_episodes(context),
            query=self.cache_query(context),
        )


def cache_tagged(tags_for, kind=PAGE):
    """For function views the same for every reader whatever their cookies (feeds, sitemap,
    calendars), kept only without a query: `tags_for(request, *args, **kwargs)` names what the
    page shows."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                mark(response, tags_for(request, *args, **kwargs), kind, reads_cookies=False)
            return response

        return wrapper

    return decorator


def card_tags(recaps):
    """Tags of a list of recap cards: each recap, its comments' count, its show."""
    names = set()
    for recap in recaps:
        names.update(
            (tags.recap(recap.pk), tags.comments(recap.pk), tags.show(recap.episode.show_id))
        )
    return names
