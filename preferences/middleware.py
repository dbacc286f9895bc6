"""Reader pages that depend on the reader's own cookies, served safely through shared caches.

The theme, the spoiler mark and the episodes a browser has rated all change the HTML of the
same URL. Every HTML page therefore says it varies on Cookie, and the version for a reader who
holds one of these cookies is private: a shared cache (a CDN, Django's cache middleware) keeps
only the version for readers without one, and never hands a personal version to anyone else."""

from django.utils.cache import patch_cache_control, patch_vary_headers

READER_PREFERENCE_COOKIES = ("watched", "theme", "rated")


class ReaderPreferenceCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        patch_vary_headers(response, ["Cookie"])
        if any(name in request.COOKIES for name in READER_PREFERENCE_COOKIES):
            patch_cache_control(response, private=True)
        return response
