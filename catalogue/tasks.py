"""The catalogue sync on the task worker: a task that queues its own next run (no cron), every
CATALOGUE_SYNC_SECONDS, or sooner after a failure. At most one run is queued at a time."""

import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from worker.scheduling import queue_next

from . import sync
from .providers.base import CatalogueError

logger = logging.getLogger("catalogue")
#: After a failed run (the catalogue away), the next comes this soon.
RETRY_SECONDS = 15 * 60


@task
def sync_catalogue():
    delay = settings.CATALOGUE_SYNC_SECONDS
    try:
        report = sync.run()
    except CatalogueError as error:
        logger.warning("The catalogue sync failed, trying again later: %s", error)
        delay = min(delay, RETRY_SECONDS)
        report = None
    finally:
        schedule(timezone.now() + timedelta(seconds=delay), running=True)
    return report.lines() if report else []


def keep_syncing():
    """Makes sure a sync is queued for one interval from now (after an add, or a sync run by
    hand): the chain of runs starts with the first show added from the catalogue."""
    schedule(timezone.now() + timedelta(seconds=settings.CATALOGUE_SYNC_SECONDS))


def schedule(when=None, running=False):
    """Queues the next sync at `when` (now by default) unless one is already waiting
    (`worker.scheduling.queue_next`). A backend that cannot wait (the tests' immediate one)
    leaves a future run to the test."""
    if not sync_catalogue.get_backend().supports_defer:
        if when is None and not running:
            sync_catalogue.enqueue()
        return
    queue_next(sync_catalogue, when or timezone.now())
