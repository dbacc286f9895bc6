from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def lost_after():
    """How long a worker may be silent before it is taken for dead."""
    return timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_SECONDS)


class HeartbeatQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(seen_at__gte=timezone.now() - lost_after())


class WorkerHeartbeat(models.Model):
    """When a task worker last said it was alive. Written by a thread of its own, so a long task
    does not silence it; a worker silent for longer than `lost_after()` is dead."""

    # django-tasks-db's worker id: what DBTaskResult.worker_ids records for each claim.
    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    objects = HeartbeatQuerySet.as_manager()

    class Meta:
        verbose_name = "task worker heartbeat"
        ordering = ["-seen_at"]
        get_latest_by = "seen_at"
        indexes = [models.Index(fields=["seen_at"], name="worker_heartbeat_seen_idx")]

    def __str__(self):
        return f"{self.worker_id} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
