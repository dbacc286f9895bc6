"""Metadata helpers shared by every reader page: `page_meta` returns the dict that
templates/includes/meta.html renders (title, description, canonical URL, Open Graph and Twitter
card, JSON-LD); `breadcrumbs` builds a schema.org BreadcrumbList. Every URL is absolute."""

SCHEMA = "https://schema.org"


def page_meta(
    request, title, description="", og_type="website", image=None, json_ld=(), canonical=None
):
    canonical = canonical or request.build_absolute_uri(request.path)
    page = request.GET.get("page")
    if page and page.isdigit() and page != "1":
        canonical = f"{canonical}?page={page}"
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
