"""Tasks the worker tests enqueue for a worker process of their own (`run_worker`)."""

import time
from pathlib import Path

import redis
from django.tasks import task

from worker.models import WorkerHeartbeat


@task
def count_in_redis(url):
    """Fails with redis's ConnectionError while the server at `url` is away."""
    with redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2) as client:
        return client.incr("runs")


@task
def read_the_database_once(gate):
    """Waits for the file `gate` to exist, then reads the database."""
    while not Path(gate).exists():
        time.sleep(0.05)
    return WorkerHeartbeat.objects.count()


@task
def fail_for_good():
    raise ValueError("not a failure waiting can mend")


@task
def leave_a_mark(path):
    Path(path).write_text("ran")
