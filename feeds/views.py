from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from pagecache import tags as cache_tags
from pagecache.views import cache_tagged
from shows.models import Show
from sitesettings.models import SiteSettings

from .calendar import show_calendar
from .sitemaps import SITEMAPS


@require_GET
@cache_tagged(lambda request: {cache_tags.RECAPS, cache_tags.TEXTS, cache_tags.SHOWS})
def sitemap(request):
    """Kept by the page cache like a reader page, so a change to which recaps are published, or
    when, to a recap's text (its lastmod) or to the shows, takes it out at once (a scheduled
    recap is in it from its time)."""
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_GET
@cache_tagged(lambda request: set())
def robots_txt(request):
    scheme = "https" if request.is_secure() else "http"
    sitemap_url = f"{scheme}://{get_current_site(request).domain}{reverse('feeds:sitemap')}"
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('search:results')}",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


#: The manifest's icons: (static path, sizes, type).
MANIFEST_ICONS = (
    ("icons/icon-192.png", "192x192", "image/png"),
    ("icons/icon-512.png", "512x512", "image/png"),
    ("icons/favicon.svg", "any", "image/svg+xml"),
)


@require_GET
@cache_tagged(lambda request: set())
def web_manifest(request):
    """The web app manifest (the name a phone gives the site saved to its home screen), named
    from the site settings as the page titles are; kept like a page, so a new name is in it
    as soon as the settings are saved."""
    site = SiteSettings.load()
    manifest = {
        "name": site.site_name,
        "short_name": site.site_name,
        **({"description": site.tagline} if site.tagline else {}),
        "start_url": reverse("recaps:home"),
        "display": "browser",
        # The page background and the brand colour of static/css/site.css.
        "background_color": "#fbfaf8",
        "theme_color": "#a4133c",
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind}
            for path, sizes, kind in MANIFEST_ICONS
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_GET
@cache_tagged(lambda request, slug: {cache_tags.SHOWS})
def show_calendar_ics(request, slug):
    """A show's release days for calendar apps (iCalendar). Kept like a reader page (the page
    cache and shared caches, EPISODIC_PAGE_CACHE_SECONDS and EPISODIC_PAGE_CACHE_S_MAXAGE) and taken
    out when an editor changes a show; there is no cache of its own."""
    show = get_object_or_404(Show, slug=slug)
    calendar = show_calendar(
        show,
        hub_url=request.build_absolute_uri(show.get_absolute_url()),
        domain=get_current_site(request).domain,
        today=show.local_today(),
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{show.slug}.ics"'
    return response
