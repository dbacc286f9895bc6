from django.core.cache import cache
from django.db import models
from django.db.models import Q

CACHE_KEY = "sitesettings:v2"


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

    # Comment moderation (discussion.rules applies them).
    comment_hold_max_links = models.PositiveSmallIntegerField(
        "hold when a comment has more links than",
        default=2,
        help_text="Comments with more links than this wait for a moderator.",
    )
    comment_moderation_words = models.TextField(
        "moderation words",
        blank=True,
        help_text="Comments containing any of these words wait for a moderator. One a line.",
    )
    comment_block_words = models.TextField(
        "blocked words",
        blank=True,
        help_text="Comments containing any of these words are marked spam. One a line.",
    )
    comment_block_emails = models.TextField(
        "blocked e-mails",
        blank=True,
        help_text="Addresses (someone@example.com) or domains (@example.com), one a line: "
        "their comments are marked spam.",
    )
    comment_block_ips = models.TextField(
        "blocked IP addresses",
        blank=True,
        help_text="Addresses or networks (203.0.113.0/24), one a line: their comments are "
        "marked spam.",
    )
    comment_min_seconds = models.PositiveSmallIntegerField(
        "minimum seconds to write a comment",
        default=3,
        help_text="Comments posted sooner after the form was served are marked spam.",
    )
    comment_rate_per_minute = models.PositiveSmallIntegerField(
        "comments a minute per IP address",
        default=5,
        help_text="Further comments from the same address within the minute are refused.",
    )
    comment_close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        default=30,
        help_text="Days after a recap is published; 0 keeps comments open.",
    )
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
