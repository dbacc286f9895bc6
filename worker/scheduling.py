"""Tasks that wait in the queue for their time (`run_after`), so no cron is needed:
- once, at a moment (`enqueue_at`): a scheduled recap's alerts and webhooks, digests, retries
  with back-off;
- again and again (the hourly flush of recap views, the catalogue's sync): each run queues the
  next (`queue_next`), and the worker queues the first when it starts (`ensure_queued`) for
  every task named in WORKER_RECURRING_TASKS. Settings name them, so the worker imports no
  app."""

from django.conf import settings
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult


def enqueue_at(a_task, when, *args):
    """Queue `a_task` to run at `when`. A backend that cannot wait (the tests' immediate one)
    runs it now if it is due, and otherwise leaves it to a test that calls it."""
    if when is None or when <= timezone.now():
        return a_task.enqueue(*args)
    if a_task.get_backend().supports_defer:
        return a_task.using(run_after=when).enqueue(*args)
    return None


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
