"""Tasks that run again and again (the hourly flush of recap views) without a cron: each run
queues the next (`queue_next`), and the worker queues the first when it starts
(`ensure_queued`) for every task named in WORKER_RECURRING_TASKS. Settings name them, so the
worker imports no app."""

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult


def is_queued(a_task, statuses=(TaskResultStatus.READY,)):
    return DBTaskResult.objects.filter(task_path=a_task.module_path, status__in=statuses).exists()


def queue_next(a_task, when):
    """Queue `a_task`'s next run at `when`, unless a run is queued already (two workers that
    started together each queued one: the chains merge again here). A backend that cannot wait
    (the tests' immediate one) queues nothing: tests call the task."""
    backend = a_task.get_backend()
    if not backend.supports_defer or is_queued(a_task):
        return None
    return a_task.using(run_after=when).enqueue()


def ensure_queued():
    """Queue each recurring task that is neither queued nor running, to run now."""
    for path in settings.WORKER_RECURRING_TASKS:
        a_task = import_string(path)
        if not is_queued(a_task, (TaskResultStatus.READY, TaskResultStatus.RUNNING)):
            a_task.enqueue()
