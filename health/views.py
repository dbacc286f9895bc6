import asyncio
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from health_check.checks import Database
from health_check.views import HealthCheckView

from .checks import CHECK_TIMEOUT, Migrations, TaskWorker, cache_check


def liveness(request):
    """The process answers; nothing else is touched, so a database or cache outage never has an
    orchestrator restart healthy processes."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


# Checks whose failure leaves the instance serving: without the cache, pages are built uncached
# (core/cache.py), and every instance shares the cache, so taking them all out of the load
# balancer for it would turn a slower site into no site.
DEGRADING = frozenset({"cache"})


class Readiness(HealthCheckView):
    """Whether this instance can serve as its code expects, as JSON: each check's "OK" or why
    not, 200 when all pass, 503 otherwise (django-health-check answers 500 and negotiates HTML;
    load balancers read 503 as "not ready"). A failed cache alone is 200, "degraded"."""

    def named_checks(self):
        checks = {
            "database": Database(),
            "cache": cache_check(),
            "migrations": Migrations(),
            "worker": TaskWorker(),
        }
        for check in checks.values():
            check.timeout = CHECK_TIMEOUT
        return checks

    @contextmanager
    def get_executor(self):
        """Threads of this answer's own for the checks that block: when one hangs (a frozen
        database holds its connection open), the answer goes out once the checks' time is up,
        without waiting for the thread, which ends when the database lets it go."""
        executor = ThreadPoolExecutor(thread_name_prefix="readiness")
        try:
            yield executor
        finally:
            executor.shutdown(wait=False)

    async def get(self, request, *args, **kwargs):
        checks = self.named_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in checks.values())
            )
        failed = {name for name, result in zip(checks, results, strict=True) if result.error}
        ready = failed <= DEGRADING
        status = "unavailable" if not ready else "degraded" if failed else "ready"
        response = JsonResponse(
            {
                "status": status,
                "checks": {
                    name: str(result.error) if result.error else "OK"
                    for name, result in zip(checks, results, strict=True)
                },
            },
            status=200 if ready else 503,
        )
        # Django logs every 5xx; a probe's answer is in its body, not a log line per probe.
        response._has_been_logged = True
        return response
