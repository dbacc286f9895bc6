"""Recap views per day and referring site: all the database keeps of what readers read.

A row is (day, recap, referring domain, views). No address, user agent, cookie, full URL or
time finer than the day is stored anywhere: the beacon's counts wait in the cache for at most
an hour, summed per recap and domain, before the task worker adds them here
(`readership.tasks.flush_views`). Rows older than READERSHIP_KEEP_DAYS are deleted by the same
task."""

from django.db import models

from recaps.models import Recap

# A domain name is at most 253 characters (RFC 1035).
DOMAIN_LENGTH = 253


class DailyViews(models.Model):
    day = models.DateField(help_text="In the site's time zone.")
    # The (recap, day) index below leads with the recap: the foreign key needs none of its own.
    recap = models.ForeignKey(
        Recap, on_delete=models.CASCADE, related_name="daily_views", db_index=False
    )
    referrer = models.CharField(
        "referring site",
        max_length=DOMAIN_LENGTH,
        blank=True,
        help_text="The domain of the page the reader came from; empty when none was sent.",
    )
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "daily views"
        verbose_name_plural = "daily views"
        ordering = ["-day", "-views"]
        get_latest_by = "day"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "recap", "referrer"], name="readership_one_row_per_referrer_a_day"
            ),
        ]
        indexes = [
            # A recap's views over time (the admin's chart); the unique constraint's index,
            # which leads with the day, serves "most read this week" and the totals.
            models.Index(fields=["recap", "day"], name="readership_recap_day"),
        ]

    def __str__(self):
        return f"{self.recap_id} on {self.day}: {self.views} from {self.referrer or 'direct'}"
