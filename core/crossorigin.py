"""Cross-site request protection without a token, for the reader's own preferences.

The spoiler mark, the theme and episode ratings are posted from pages that must stay cacheable
and shared, so they cannot carry a per-reader CSRF token. Browsers say where a request comes
from (`Sec-Fetch-Site`, else `Origin`); a POST from another site is refused, as Go's
`http.CrossOriginProtection` does. A request with neither header is not from a browser page,
so it cannot ride on a reader's cookies."""

from functools import wraps
from urllib.parse import urlsplit

from django.views.decorators.csrf import csrf_exempt

from .responses import refused

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def is_cross_site(request):
    if request.method in SAFE_METHODS:
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc != request.get_host()


def same_origin_only(view):
    """Replace the CSRF token check of `view` with the same-origin check above."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if is_cross_site(request):
            return refused(
                request,
                403,
                "This form was sent from another site",
                "Go back to the page, reload it and try again.",
            )
        return view(request, *args, **kwargs)

    return wrapped
