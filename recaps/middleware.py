from django.http import Http404

from .visibility import names_hidden


class HiddenRedirectGuardMiddleware:
    """No redirect names what readers may not see. Every answer that carries a Location (from
    a view, such as the comments' `shortcut` or a recap's old slug, or from a middleware inside
    this one, such as old WordPress links and the redirects app's rows) is checked with
    `names_hidden()`; one that points at a draft's, a scheduled or an unpublished recap's page,
    a tag only they carry, or the file of one of their stills becomes a 404, so their slugs
    never leave in a header. Nothing is stored: the same redirect goes through once the recap
    is published."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        location = response.get("Location")
        if location and names_hidden(location):
            raise Http404("This page is not published.")
        return response
