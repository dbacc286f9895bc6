"""Keeping added shows true: one run reads the catalogue's list of changed shows
(`/updates/shows`, one call) and fetches again only the linked shows that changed since the
last run, bringing their seasons' schedules and episodes up to date (new episodes, air times,
a delay, a new episode count; hand edits kept). Rows are saved one by one with .save(), so the
page cache purges the pages that show them and publication times relative to air time move.

At most one run at a time, by a row lock in the database (SyncLock): it holds with Redis
away, and lapses if the run's process died."""

import logging
import os
import socket
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from shows.models import Show

from .adding import remember_stamp, write_season
from .models import SyncLock
from .providers import provider as get_provider
from .providers.base import CatalogueError
from .synced import Memories, Report

logger = logging.getLogger("catalogue")
LOCK = "catalogue-sync"
#: A run's lock lapses after this, in case its process died holding it.
LOCK_SECONDS = 3600


@contextmanager
def held(name, seconds=LOCK_SECONDS):
    """True inside if this process took the lock `name`, False if another holds it."""
    holder = f"{socket.gethostname()}:{os.getpid()}:{id(object())}"
    now = timezone.now()
    SyncLock.objects.get_or_create(name=name)
    free = Q(held_until__isnull=True) | Q(held_until__lt=now)
    taken = SyncLock.objects.filter(free, name=name).update(
        held_until=now + timedelta(seconds=seconds), holder=holder
    )
    try:
        yield bool(taken)
    finally:
        if taken:
            SyncLock.objects.filter(name=name, holder=holder).update(held_until=None, holder="")


def run(provider=None):
    """One sync; the Report, or None when another run holds the lock. A catalogue away raises
    its CatalogueError (the task logs it and tries again sooner)."""
    provider = provider or get_provider()
    with held(LOCK) as taken:
        if not taken:
            logger.info("A catalogue sync is already running; this one stops.")
            return None
        return _run(provider)


def _run(provider):
    report = Report()
    references = Show.objects.filter(catalogue_id__startswith=f"{provider.name}:").values_list(
        "catalogue_id", flat=True
    )
    show_ids = {provider.show_id_of(reference) for reference in references} - {None}
    if not show_ids:
        return report
    updates = provider.updates()
    stamps = Memories([provider.reference(show_id) for show_id in show_ids])
    for show_id in sorted(show_ids, key=int):
        memory = stamps.get(provider.reference(show_id))
        last = memory.values.get("updated", 0) if memory else 0
        if updates.get(show_id, 0) <= last:
            continue
        try:
            refresh(provider, show_id, report)
        except (CatalogueError, IntegrityError) as error:
            # Its rows are as they were and its stamp stays behind: the next run tries again,
            # and the other shows are synced meanwhile.
            logger.warning("%s show %s was not synced: %s", provider.name, show_id, error)
    return report


def refresh(provider, show_id, report):
    """Fetches one catalogue show again and brings its linked seasons up to date."""
    show = provider.show(show_id, fresh=True)
    with transaction.atomic():
        rows = Show.objects.filter(catalogue_id__startswith=provider.reference(show_id, ""))
        rows = {row.catalogue_id: row for row in rows}
        references = [provider.reference(e.id) for e in show.episodes]
        memories = Memories([*rows, *references])
        for number in sorted({episode.season for episode in show.episodes}):
            row = rows.get(provider.reference(show_id, number))
            if row is not None:
                write_season(provider, show, number, row, memories, report)
        memories.save()
        remember_stamp(provider, show)
