from django.db import models


class SyncedValues(models.Model):
    """The catalogue's latest value of each synced field of one row (a show, an episode, a
    person), by the row's catalogue id. A field whose current value differs from it was edited
    by hand: a sync keeps it, and the show's admin page offers the catalogue's value instead.
    A catalogue show's own row ("TVmaze:<id>") keeps `updated`, the catalogue's last change."""

    reference = models.CharField(max_length=100, unique=True)
    values = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "synced values"

    def __str__(self):
        return self.reference


class SyncLock(models.Model):
    """One row per job that must not run twice at once (the catalogue sync): taken by a
    conditional UPDATE, so it holds whether or not Redis is up, and lapses at `held_until` if
    its holder died."""

    name = models.CharField(max_length=50, primary_key=True)
    held_until = models.DateTimeField(null=True, blank=True)
    holder = models.CharField(max_length=100, blank=True)

    def __str__(self):
        return self.name
