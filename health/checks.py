"""What /readyz checks. The database is django-health-check's own check; the rest are here."""

import dataclasses
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.checks import Cache
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from redis.asyncio import Redis as AsyncRedis

from worker.models import WorkerHeartbeat

# How long a check may take before it counts as failed: a hung server (a frozen database, a
# Redis that accepts connections and answers nothing) fails the probe in seconds.
CHECK_TIMEOUT = timedelta(seconds=2)
REDIS_TIMEOUT_SECONDS = 1


def cache_check():
    """Redis is pinged by a client of the check's own with short timeouts (the cache's client
    would wait on a hung server for ever); any other cache gets django-health-check's
    set-and-get."""
    if isinstance(caches["default"], RedisCache):
        url = caches["default"]._servers[0]  # the server writes go to
        client = partial(
            AsyncRedis.from_url,
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        return Redis(client_factory=client)
    return Cache()


@contextmanager
def database():
    """This thread's connection, closed afterwards if it was opened here; a database error as
    the check's failure, in words that name no server."""
    try:
        with connection.temporary_connection():
            yield connection
    except DatabaseError as error:
        raise ServiceUnavailable(str(error).split(":", 1)[0].splitlines()[0]) from error


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration this code has is applied: new code on an old schema is not ready."""

    def run(self):
        with database():
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise ServiceUnavailable(f"{len(pending)} migrations not applied")


@dataclasses.dataclass
class TaskWorker(HealthCheck):
    """A task worker (`manage.py run_worker`) wrote its heartbeat lately."""

    def run(self):
        with database():
            last = WorkerHeartbeat.objects.first()
        if last is None:
            raise ServiceUnavailable("no task worker has started")
        silent = (timezone.now() - last.seen_at).total_seconds()
        if silent > settings.TASK_WORKER_LOST_AFTER_SECONDS:
            raise ServiceUnavailable(f"no task worker heartbeat for {silent:.0f} s")
