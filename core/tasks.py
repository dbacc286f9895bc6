"""The media storage's work on the task worker (`manage.py run_worker`), never in an editor's
request: making a saved image's renditions, and removing a file and its renditions once the
last row naming it is gone.

A storage that fails is logged once (`core.media_faults`: one line while it stays away, one
when it is back) and the task queued again, later at each attempt (`core.backoff`), so an
editor never waits on it nor meets an error page. A task finds what it needs again when it
runs: a row deleted or given another image since, or files already gone, leave it nothing to do.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.tasks import task
from django.utils import timezone

from . import mediafiles, renditions
from .backoff import retry_delay
from .media_faults import STORAGE_ERRORS, faults, is_missing

logger = logging.getLogger("episodic.media")

#: Attempts before a task gives up on a storage that keeps failing (with the default delays,
#: about three hours); what it leaves is a rendition missing or a stray file, logged.
MAX_ATTEMPTS = 20


@task
def make_renditions(model_label, pk, field_name, source_name, attempt=1):
    """Every rendition of the image `source_name` of row `pk`, unless the row is gone or has
    another image now (that image's own task makes its renditions)."""
    row = apps.get_model(model_label)._base_manager.filter(pk=pk).first()
    if row is None or getattr(row, field_name).name != source_name:
        return False
    try:
        made = renditions.make_missing(row, field_name)
    except STORAGE_ERRORS as error:
        faults.failed(source_name, error)
        if not is_missing(error):
            # The original itself gone or not an image: no attempt would do better.
            again_later(make_renditions, attempt, model_label, pk, field_name, source_name)
        return False
    faults.answered()
    return made


@task
def remove_files(model_label, field_name, name, attempt=1):
    """The file `name` and the renditions `model_label.<field_name>` made of it, keeping what a
    row names at the time the task runs."""
    try:
        mediafiles.remove_unheld(apps.get_model(model_label), field_name, name)
    except STORAGE_ERRORS as error:
        faults.failed(name, error)
        again_later(remove_files, attempt, model_label, field_name, name)
        return False
    faults.answered()
    return True


def again_later(a_task, attempt, *args):
    """Queue `a_task(*args)` once more, `retry_delay(attempt)` seconds from now. A backend that
    cannot wait (the tests' immediate one) queues nothing: tests run the task again."""
    if attempt >= MAX_ATTEMPTS:
        logger.error("%s%r gave up after %d attempts", a_task.name, args, attempt)
        return
    if a_task.get_backend().supports_defer:
        when = timezone.now() + timedelta(seconds=retry_delay(attempt))
        a_task.using(run_after=when).enqueue(*args, attempt=attempt + 1)
