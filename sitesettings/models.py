from django.core.cache import cache
from django.db import models
from django.db.models import Q

CACHE_KEY = "sitesettings:v1"


class SiteSettings(models.Model):
    """The one row of settings editors change without a deploy: names and the promo slot."""

    SINGLETON_PK = 1

    site_name = models.CharField(max_length=80, default="Episodic")
    tagline = models.CharField(
        max_length=160, blank=True, default="Episode recaps and reviews, the day they air."
    )
    promo_text = models.CharField(
        "promo text",
        max_length=200,
        blank=True,
        help_text="A short line shown on every page, for example an invitation to a channel.",
    )
    promo_link_text = models.CharField(max_length=60, blank=True)
    promo_link_url = models.URLField("promo link", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="sitesettings_singleton"),
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(CACHE_KEY)
        return result

    @property
    def has_promo(self):
        return bool(self.promo_text)

    @classmethod
    def load(cls):
        """The settings row, from the cache when possible; unsaved defaults when there is none."""
        settings = cache.get(CACHE_KEY)
        if settings is None:
            settings = cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls(pk=cls.SINGLETON_PK)
            cache.set(CACHE_KEY, settings, 60 * 60)
        return settings
