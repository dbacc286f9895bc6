"""A worker's heartbeat, and the tasks a dead worker leaves RUNNING given back to the queue."""

import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .faults import DATABASE_AWAY, database_outage, logger
from .models import WorkerHeartbeat, lost_after

# Heartbeats of workers gone longer than this are deleted.
FORGET_AFTER = timedelta(days=1)


def give_back(tasks, reason):
    """Puts `tasks` (RUNNING rows) back in the queue, each unless another worker moved it on
    meanwhile; a later claim runs it again."""
    for task in tasks:
        given_back = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY)
        if given_back:
            logger.warning(
                "Task id=%s path=%s given back to the queue: %s", task.pk, task.task_path, reason
            )


def running_tasks():
    return DBTaskResult.objects.running().only("pk", "task_path", "worker_ids", "started_at")


def give_back_tasks_of(worker_id):
    """A worker about to claim tasks runs none: what is RUNNING under its id was left by an
    earlier run of it (the same --worker-id after a restart) or by a database outage that kept
    it from recording the outcome."""
    give_back(
        [task for task in running_tasks() if task.worker_ids[-1:] == [worker_id]],
        "its worker started again",
    )


def give_back_orphans():
    """Tasks RUNNING for longer than `lost_after()` under a worker silent that long."""
    limit = timezone.now() - lost_after()
    alive = set(WorkerHeartbeat.objects.alive().values_list("worker_id", flat=True))
    give_back(
        [
            task
            for task in running_tasks().filter(started_at__lt=limit)
            if not set(task.worker_ids[-1:]) & alive
        ],
        "its worker stopped",
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - FORGET_AFTER).delete()


class Heartbeat(threading.Thread):
    """Beats every TASK_WORKER_HEARTBEAT_SECONDS, whatever the worker's own thread is doing,
    and gives back orphaned tasks. After a database outage every worker's heartbeat is old, so a
    worker judges others only once its own beats have reached the database without a gap for
    as long as a silence takes to mean death."""

    def __init__(self, worker_id):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.steady_since = None

    def run(self):
        while True:
            try:
                self.beat()
            except DATABASE_AWAY as error:
                self.steady_since = None
                database_outage.failed(error)
            else:
                database_outage.answered()
            finally:
                close_old_connections()
            time.sleep(settings.TASK_WORKER_HEARTBEAT_SECONDS)

    def beat(self):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id, defaults={"seen_at": timezone.now()}
        )
        now = time.monotonic()
        if self.steady_since is None:
            self.steady_since = now
        if now - self.steady_since >= settings.TASK_WORKER_LOST_AFTER_SECONDS:
            give_back_orphans()
