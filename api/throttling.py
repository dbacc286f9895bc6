"""Who is asking, and how often they may: django-ninja's auth step names the client (an API
key, or anonymous; a key that is unknown or revoked is a 401), and its throttle step counts
with `core.ratelimit` (the same per-minute counters as the readers' forms): anonymous clients
per address, clients with a key per key, at the key's own limit."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.throttling import BaseThrottle

from core.client_address import client_ip
from core.ratelimit import over_limit

from .models import ApiKey

# Writing the key's last use on every request would make every read a write.
LAST_USED_PRECISION = timedelta(hours=1)


def sent_key(request):
    """The key a client sent (`Authorization: Bearer <key>` or `X-Api-Key`), or ""."""
    authorization = request.headers.get("Authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip()
    return request.headers.get("X-Api-Key", "").strip()


ANONYMOUS = "anonymous"


def client_of(request):
    """django-ninja's auth callback: the ApiKey sent, ANONYMOUS without one, None (a 401) for
    a key that is unknown or revoked."""
    key = sent_key(request)
    if not key:
        return ANONYMOUS
    found = ApiKey.find(key)
    if found is not None:
        now = timezone.now()
        if found.last_used_at is None or found.last_used_at < now - LAST_USED_PRECISION:
            ApiKey.objects.filter(pk=found.pk).update(last_used_at=now)
    return found


class ApiThrottle(BaseThrottle):
    def allow_request(self, request):
        client = getattr(request, "auth", ANONYMOUS)
        if client == ANONYMOUS:
            return not over_limit("api", client_ip(request), settings.API_ANONYMOUS_PER_MINUTE)
        return not over_limit("api-key", str(client.pk), client.requests_per_minute)

    def wait(self):
        return 60
