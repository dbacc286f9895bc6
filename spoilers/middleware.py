"""Reader pages that depend on the reader's own cookies, served safely through shared caches.

Masked links and the spoiler warning are built from the `watched` cookie (other preferences
such as the theme and ratings work the same way), so the same URL can have several versions.
Every HTML page therefore says it varies on Cookie, and the version for a reader who holds a
preference cookie is private: a shared cache (the CDN, Django's cache middleware) keeps only
the version for readers without one, and never hands a personal version to anyone else."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import marks

# The lead extends this as preference cookies are added.
READER_PREFERENCE_COOKIES = ("watched", "theme", "rated")
SHOW_ANYWAY = "show"


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


class SpoilerWarningMiddleware:
    """A reader who marked episode 4 and opens episode 6's recap gets a warning page with no
    word of that recap, unless they asked to see it anyway (`?spoilers=show`). Only the public
    recap page is concerned (by its URL name): staff previews always show the recap."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        match = request.resolver_match
        if (
            match is None
            or match.view_name != "recaps:detail"
            or response.status_code != 200
            or request.GET.get("spoilers") == SHOW_ANYWAY
        ):
            return response
        recap = (response.context_data or {}).get("recap")
        watched = marks.for_request(request)
        if recap is None or not watched.hides(recap.episode.show_id, recap.episode.number):
            return response
        return spoiler_warning(request, recap.episode, watched.get(recap.episode.show_id))


def spoiler_warning(request, episode, mark):
    # A fresh context: nothing the recap page computed (headline, meta, stills) comes along.
    response = TemplateResponse(
        request,
        "spoilers/spoiler_warning.html",
        {"show": episode.show, "number": episode.number, "mark": mark},
    )
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response
