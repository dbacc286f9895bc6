"""What the desk adds to the catalogue and the articles: who writes and reviews each episode's
recap, each show's plan (when recaps are due, how drafts start), recaps scheduled relative to
an episode's air time, and the private key behind each person's calendar link."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from recaps.models import Recap
from shows.models import Episode, Show

#: A recap due or scheduled more than this after its episode airs is a mistake, not a plan.
LONGEST_OFFSET = timedelta(days=30)


def new_calendar_key():
    return secrets.token_urlsafe(16)


class Assignment(models.Model):
    """Who writes an episode's recap and who reviews it, or that the desk skips the episode."""

    episode = models.OneToOneField(Episode, on_delete=models.CASCADE, related_name="assignment")
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_writing",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_reviewing",
    )
    skipped = models.BooleanField(default=False, help_text="The desk writes no recap of it.")
    # Counts changes, so a notice task that finds a newer one sends nothing (a later task will).
    version = models.PositiveIntegerField(default=0, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["episode"]
        permissions = [("assign_episode", "Can assign writers and reviewers on the desk")]
        indexes = [
            models.Index(fields=["writer"], name="assignment_writer_idx"),
            models.Index(fields=["reviewer"], name="assignment_reviewer_idx"),
        ]

    def __str__(self):
        return f"{self.episode}: {self.writer or 'unassigned'}"


class ShowPlan(models.Model):
    """How the desk plans a show's recaps."""

    show = models.OneToOneField(Show, on_delete=models.CASCADE, related_name="desk_plan")
    due_after = models.DurationField(
        "recap due after airing",
        default=timedelta(hours=3),
        validators=[MaxValueValidator(LONGEST_OFFSET)],
        help_text="How long after an episode airs its recap is due, e.g. 3:00:00 for 3 hours.",
    )
    subtitle_pattern = models.CharField(
        max_length=200,
        default="{title}",
        help_text="A new draft's subtitle: {title} is the episode's title, {number} its number.",
    )
    default_tags = models.CharField(
        max_length=300, blank=True, help_text="Tags every new draft starts with, comma-separated."
    )

    class Meta:
        ordering = ["show"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_after__gte=timedelta(0)), name="show_plan_due_after_positive"
            )
        ]

    def __str__(self):
        return f"Plan for {self.show}"


class RelativeSchedule(models.Model):
    """A recap planned to go live `offset` after an episode airs. Once the recap is scheduled,
    its publish time follows the episode's air time (`desk.moves`)."""

    recap = models.OneToOneField(Recap, on_delete=models.CASCADE, related_name="relative_schedule")
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="+")
    offset = models.DurationField(help_text="How long after the episode airs, e.g. 2:00:00.")
    # The publish time this plan gave the recap: a recap whose time an editor has set by hand
    # since no longer follows the plan.
    publish_time = models.DateTimeField(null=True, blank=True, editable=False)
    moved_from = models.DateTimeField(null=True, blank=True, editable=False)
    moved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["recap"]
        indexes = [models.Index(fields=["episode"], name="relative_schedule_episode_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(offset__gte=timedelta(0)) & Q(offset__lte=LONGEST_OFFSET),
                name="relative_schedule_offset_range",
            )
        ]

    def __str__(self):
        return f"{self.offset} after {self.episode} airs"


class CalendarKey(models.Model):
    """What each person's calendar link signs: a new key revokes the links given out before."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_calendar_key"
    )
    key = models.CharField(max_length=32, default=new_calendar_key)

    def __str__(self):
        return f"Calendar key of {self.user}"


class AssignmentNotice(models.Model):
    """One assignment e-mail handed to the mailer: written first, so a task run twice mails no
    one twice."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="notices")
    version = models.PositiveIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "version", "recipient"], name="assignment_notice_once"
            )
        ]

    def __str__(self):
        return f"Notice {self.version} of {self.assignment} to {self.recipient}"
