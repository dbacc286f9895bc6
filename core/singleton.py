"""Settings rows editors change without a deploy: one row a model, read through the cache."""

from django.core.cache import cache
from django.db import models


class SingletonModel(models.Model):
    """One row, at `SINGLETON_PK`, cached under `CACHE_KEY` for an hour and dropped from the
    cache when saved or deleted. Subclasses name their `CACHE_KEY` (change it when the fields
    change, so no process reads a copy of the old shape) and add the database constraint that
    keeps the row single."""

    SINGLETON_PK = 1
    CACHE_KEY = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
        return result

    @classmethod
    def load(cls):
        """The row, from the cache when possible; unsaved defaults when there is none."""
        row = cache.get(cls.CACHE_KEY)
        if row is None:
            row = cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls(pk=cls.SINGLETON_PK)
            cache.set(cls.CACHE_KEY, row, 60 * 60)
        return row
