"""How a reader view names what its page shows, for the page cache and for CDNs."""

from functools import wraps

from . import policy, tags


def mark(response, page_tags, kind=policy.PAGE, rated_episodes=(), reads_cookies=True):
    """Mark `response` as a reader page showing `page_tags`. `rated_episodes`: episodes whose
    "You rated this" line the page shows (the `rated` cookie's part that changes it);
    `reads_cookies=False` for what is the same for every reader (feeds, sitemap)."""
    setattr(response, policy.TAGS_ATTRIBUTE, {tags.SITE, *page_tags})
    setattr(response, policy.KIND_ATTRIBUTE, kind)
    response.cache_rated_episodes = tuple(rated_episodes)
    response.cache_reads_cookies = reads_cookies
    return response


class CacheTaggedMixin:
    """For class-based reader views: `cache_tags(context)` names what the page shows."""

    cache_kind = policy.PAGE

    def cache_tags(self, context):
        raise NotImplementedError

    def rated_episodes(self, context):
        return ()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return mark(
            response, self.cache_tags(context), self.cache_kind, self.rated_episodes(context)
        )


def cache_tagged(tags_for, kind=policy.PAGE, reads_cookies=False):
    """For function views (feeds, sitemap, calendars: the same for every reader unless
    `reads_cookies`): `tags_for(request, *args, **kwargs)` names what the page shows."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                mark(response, tags_for(request, *args, **kwargs), kind, (), reads_cookies)
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
