"""Rate limits for the API, counted by `core.ratelimit` (the same per-minute counters as the
readers' forms): anonymous clients per address, clients with an API key per key, at the
key's own limit."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.errors import HttpError
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


class ApiThrottle(BaseThrottle):
    def allow_request(self, request):
        key = sent_key(request)
        if not key:
            return not over_limit("api", client_ip(request), settings.API_ANONYMOUS_PER_MINUTE)
        found = ApiKey.find(key)
        if found is None:
            raise HttpError(401, "This API key is unknown or was revoked.")
        now = timezone.now()
        if found.last_used_at is None or found.last_used_at < now - LAST_USED_PRECISION:
            ApiKey.objects.filter(pk=found.pk).update(last_used_at=now)
        return not over_limit("api-key", str(found.pk), found.requests_per_minute)

    def wait(self):
        return 60
