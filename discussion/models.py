from django.db import models
from django.db.models import Q
from django_comments_xtd.models import XtdComment

from core.singleton import SingletonModel
from recaps.models import Recap

from . import rules


class Moderation(models.Model):
    """A comment's standing with the moderators, beside django-comments' `is_public` and
    `is_removed` (which `set_status` keeps in step: only approved comments are public; spam and
    removed comments are also `is_removed`, so no public query can show them)."""

    class Status(models.TextChoices):
        HELD = rules.HELD, "Awaiting moderation"
        APPROVED = rules.APPROVED, "Approved"
        SPAM = rules.SPAM, "Spam"
        REMOVED = "removed", "Removed"

    comment = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, primary_key=True, related_name="moderation"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.HELD)
    reasons = models.CharField(max_length=300, blank=True)
    receipt = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text="A digest of the signed form and its text: the same form is stored once.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "moderation"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["held", "approved", "spam", "removed"]),
                name="moderation_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="moderation_status_idx")]

    def __str__(self):
        return f"{self.get_status_display()}: comment {self.comment_id}"

    FLAGS = {
        Status.APPROVED: {"is_public": True, "is_removed": False},
        Status.HELD: {"is_public": False, "is_removed": False},
        Status.SPAM: {"is_public": False, "is_removed": True},
        Status.REMOVED: {"is_public": False, "is_removed": True},
    }


class RecapDiscussion(models.Model):
    """Comments closed by hand on one recap, and why."""

    recap = models.OneToOneField(Recap, on_delete=models.CASCADE, related_name="discussion")
    closed = models.BooleanField("comments closed", default=True)
    reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown under the recap instead of the form, e.g. “Closed after spoilers.”",
    )

    class Meta:
        verbose_name = "closed discussion"
        verbose_name_plural = "closed discussions"

    def __str__(self):
        return f"Comments on {self.recap}"


class CommentSettings(SingletonModel):
    """The one row of comment moderation values editors change without a deploy;
    discussion.rules applies them."""

    CACHE_KEY = "discussion:commentsettings:v1"

    hold_max_links = models.PositiveSmallIntegerField(
        "hold when a comment has more links than",
        default=2,
        help_text="Comments with more links than this wait for a moderator.",
    )
    moderation_words = models.TextField(
        "moderation words",
        blank=True,
        help_text="Comments containing any of these words wait for a moderator. One a line.",
    )
    block_words = models.TextField(
        "blocked words",
        blank=True,
        help_text="Comments containing any of these words are marked spam. One a line.",
    )
    block_emails = models.TextField(
        "blocked e-mails",
        blank=True,
        help_text="Addresses (someone@example.com) or domains (@example.com), one a line: "
        "their comments are marked spam.",
    )
    block_ips = models.TextField(
        "blocked IP addresses",
        blank=True,
        help_text="Addresses or networks (203.0.113.0/24), one a line: their comments are "
        "marked spam.",
    )
    min_seconds = models.PositiveSmallIntegerField(
        "minimum seconds to write a comment",
        default=3,
        help_text="Comments posted sooner after the form was served are marked spam.",
    )
    rate_per_minute = models.PositiveSmallIntegerField(
        "comments a minute per IP address",
        default=5,
        help_text="Further comments from the same address within the minute are refused.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        "close comments after (days)",
        default=30,
        help_text="Days after a recap is published; 0 keeps comments open.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "comment settings"
        verbose_name_plural = "comment settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="commentsettings_singleton"),
        ]

    def __str__(self):
        return "Comment settings"


class MailDelivery(models.Model):
    """A message about a comment handed to the mailer: one row per comment, kind and recipient,
    written and committed before the message goes out (discussion.mail.send_once). A task run
    again after its worker died mid-job finds the row and sends nothing twice."""

    class Kind(models.TextChoices):
        FOLLOWUP = "followup", "Reply in a followed discussion"
        HELD = "held", "Comment awaiting moderation"

    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    # A keyed digest of the address: who was written to, without another copy of an address.
    recipient = models.CharField(max_length=64)
    handed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mail delivery"
        verbose_name_plural = "mail deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "kind", "recipient"], name="mail_delivery_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["followup", "held"]), name="mail_delivery_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: comment {self.comment_id}"
