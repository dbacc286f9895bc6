from asgiref.sync import async_to_sync

from . import paths
from .views import Readiness, liveness

PROBES = {paths.LIVENESS: liveness, paths.READINESS: async_to_sync(Readiness.as_view())}


class ProbeMiddleware:
    """Answers the probes before any other middleware, so that
    - a load balancer may probe by address: no Host check (ALLOWED_HOSTS), as the answers use
      no host and are never cached;
    - it may speak plain HTTP to the app: no redirect to HTTPS (SECURE_SSL_REDIRECT);
    - /healthz touches nothing, not even the page cache's lookup; no session, CSRF or lockout
      code runs for either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        return probe(request) if probe else self.get_response(request)
