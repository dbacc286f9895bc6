"""Metadata helpers shared by every reader page: `page_meta` returns the dict that
templates/includes/meta.html renders (title, description, canonical URL, Open Graph and Twitter
card, JSON-LD); `breadcrumbs` builds a schema.org BreadcrumbList; `query_string` writes a reader
page's query. Every URL is absolute."""

from django.utils.http import urlencode

SCHEMA = "https://schema.org"
# Parameters that number a page of a list: the first page's address has no number.
PAGE_NUMBERS = frozenset({"page", "comments"})


def query_string(*parameters):
    """The one spelling of a reader page's query, for its links, its canonical URL and the page
    cache's key: the (name, value) pairs in the order given, without those that have no value
    (None or "") or number a first page, encoded as a browser encodes a form ("+" for a
    space)."""
    return urlencode(
        [
            (name, value)
            for name, value in parameters
            if value not in (None, "") and not (name in PAGE_NUMBERS and str(value) == "1")
        ]
    )


def page_meta(
    request,
    title,
    description="",
    og_type="website",
    image=None,
    json_ld=(),
    canonical=None,
    page=1,
):
    """`page`: which page of a list this is. A later page is its own canonical URL and says its
    number in the title, as search engines want for lists. Metadata never reads the request's
    query: the recap's article head is kept for every reader, whatever query built it."""
    canonical = canonical or request.build_absolute_uri(request.path)
    query = query_string(("page", page))
    if query:
        canonical = f"{canonical}?{query}"
        title = f"{title} (page {page})"
    return {
        "title": title,
        "description": " ".join(description.split())[:300],
        "canonical": canonical,
        "og_type": og_type,
        "image": request.build_absolute_uri(image) if image else "",
        "json_ld": list(json_ld),
    }


def breadcrumbs(request, trail):
    """A BreadcrumbList from (name, path) pairs, home first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
