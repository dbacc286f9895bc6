from django.utils.cache import patch_vary_headers


def vary_pages_on_cookie(get_response):
    """Every page renders the reader's theme from the `theme` cookie, so a shared cache must
    keep a copy per cookie rather than hand one reader's dark page to everyone."""

    def middleware(request):
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response

    return middleware
