"""A task that failed because the database or Redis was away goes back to the queue, to run
again after a delay that doubles with each attempt; it is never dropped. Any other failure
stays FAILED, as django-tasks-db records it."""

import sys
from datetime import timedelta

from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.backoff import retry_delay

from .faults import AWAY, logger, until_database_answers


def run_again_later(row):
    # Each claim adds the worker's id: their number is the number of attempts.
    delay = retry_delay(len(row.worker_ids))
    DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now() + timedelta(seconds=delay),
        finished_at=None,
    )
    return delay


@receiver(task_finished, dispatch_uid="worker.retry_when_away")
def retry_when_away(sender, task_result, **kwargs):
    # Sent from the worker's exception handler, after the row was saved FAILED.
    error = sys.exc_info()[1]
    row = getattr(task_result, "db_result", None)
    if row is None or task_result.status != TaskResultStatus.FAILED or not isinstance(error, AWAY):
        return
    delay = until_database_answers(run_again_later, row)
    logger.warning(
        "Task id=%s path=%s will run again in %g s (attempt %d failed: %s)",
        row.pk,
        row.task_path,
        delay,
        len(row.worker_ids),
        error,
    )
