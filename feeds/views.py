from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_GET

from .sitemaps import SITEMAPS

SITEMAP_CACHE_SECONDS = 60 * 60


@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap(request):
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24)
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
