"""CORS for the API: any site's scripts may read it (it is public and read-only), and a
preflight (for an API key's header) is answered here."""

from django.http import HttpResponse

PREFIX = "/api/"
ALLOWED_HEADERS = "Authorization, X-Api-Key, If-None-Match"
EXPOSED_HEADERS = "ETag, Last-Modified, Cache-Tag, Retry-After"
PREFLIGHT_MAX_AGE = "86400"


class ApiCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.get_response(request)
        # No credentials are read: a wildcard origin shares nothing a cookie would unlock.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response
