from django.db import models
from django.db.models import Q

from core.singleton import SingletonModel


class SiteSettings(SingletonModel):
    """The one row of settings editors change without a deploy: names and the promo slot.
    (Comment moderation has its own row, discussion.CommentSettings.)"""

    # v3: the comment moderation values moved to discussion.CommentSettings; v4: postal address.
    CACHE_KEY = "sitesettings:v4"

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
    postal_address = models.CharField(
        max_length=300,
        blank=True,
        default="Episodic, 1 Example Street, 10115 Berlin, Germany",
        help_text="The publication's postal address, at the foot of every mail to followers "
        "(bulk-mail law asks for one).",
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

    @property
    def staff_byline(self):
        """Who a recap is by when its author has no name to publish."""
        return f"{self.site_name} staff"

    @property
    def has_promo(self):
        return bool(self.promo_text)
