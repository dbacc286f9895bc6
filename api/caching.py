"""What the page cache needs from the API: which query an answer may be kept for, the tags of
a list of recaps, and a recap's whole payload kept as a fragment, as the recap page keeps its
article."""

from pagecache import tags as cache_tags
from pagecache.fragments import cached_fragment, kept_fragment

from . import queries, representations

RECAP_FRAGMENT = "api-recap"


def base_of(request):
    """The address answers' links start with: the host the client asked (the recap's kept
    payload is kept per host, as the recap page's article is)."""
    return f"{request.scheme}://{request.get_host()}"


# Parameters whose values are endless (any moment, any mark, any set of fields): answers to
# them are sent with their tags and validators but never kept, so no query can make the page
# cache grow. `show` and `tag` are kept once a result shows the slug exists.
UNKEPT_PARAMETERS = ("updated_since", "aired_after", "watched", "fields")
KEPT_PARAMETERS = ("show", "tag", "cursor", "page_size")


def cache_for(request, page_tags, found=True):
    """Tells `ContentAPI.create_response` what the answer shows and the query it may be kept
    for (`pagecache.views.mark`): the parameters read, in one order; `found` whether the
    filters named something that exists."""
    if any(request.GET.get(name) for name in UNKEPT_PARAMETERS) or not found:
        query = None
    else:
        query = [(name, request.GET.get(name)) for name in KEPT_PARAMETERS]
    request.api_cache = {"tags": page_tags, "query": query}


def card_tags(recaps):
    names = set()
    for recap in recaps:
        names.update(
            (
                cache_tags.recap(recap.pk),
                cache_tags.comments(recap.pk),
                cache_tags.show(recap.episode.show_id),
            )
        )
        names.update(cache_tags.tag(link.tag_id) for link in getattr(recap, "tag_links", ()))
    return names


def recap_body(request, slug):
    """The recap's whole payload, its masked form and its cache tags, kept as a fragment until
    one of them is purged: a request for a kept recap runs no query. None for a slug no
    published recap has (not kept: any text can be asked for)."""
    key_parts = (slug, request.scheme, request.get_host())
    kept = kept_fragment(RECAP_FRAGMENT, key_parts)
    if kept is not None:
        return kept
    recap = queries.recap_detail(slug)
    if recap is None:
        return None
    base = base_of(request)
    body = {
        "payload": representations.recap_payload(
            base, recap, recap.all_stills, recap.tag_pairs, recap.comment_count
        ),
        "masked": representations.masked_recap_payload(base, recap),
        "show_id": recap.episode.show_id,
        "number": recap.episode.number,
        "cache_tags": sorted(
            {
                cache_tags.recap(recap.pk),
                cache_tags.comments(recap.pk),
                cache_tags.show(recap.episode.show_id),
                *(cache_tags.tag(pk) for pk in recap.tag_ids),
            }
        ),
    }
    return cached_fragment(
        RECAP_FRAGMENT,
        [cache_tags.SITE],
        build=lambda: body,
        key_parts=key_parts,
        tags_of=lambda body: body["cache_tags"],
    )
