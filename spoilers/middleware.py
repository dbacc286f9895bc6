"""The spoiler warning: a reader who marked episode 4 and opens episode 6's recap is shown a
page with no word of that recap instead."""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from . import marks

SHOW_ANYWAY = "show"


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
