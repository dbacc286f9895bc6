"""Readers who follow shows by e-mail, what they follow, and every message sent to them.

A follower is an address with no account. Nothing is sent to it but the confirmation until a
follow is confirmed (double opt-in); an address that bounces hard or complains is suppressed
for good, by a digest of the address that outlives "delete everything about me"."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from recaps.models import Recap
from shows.models import Show


def address_digest(email):
    return salted_hmac("follows.address", email.strip().lower(), algorithm="sha256").hexdigest()


def new_key():
    return secrets.token_urlsafe(12)


class Follower(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUPPRESSED = "suppressed", "Suppressed (bounced or complained)"

    class Source(models.TextChoices):
        SHOW_HUB = "show_hub", "Show page"
        RECAP = "recap", "End of a recap"
        FOOTER = "footer", "Footer (everything)"
        DEMO = "demo", "Demo data"

    email = models.EmailField(max_length=254, unique=True)
    state = models.CharField(max_length=20, choices=State, default=State.PENDING)
    source = models.CharField(max_length=20, choices=Source)
    time_zone = models.CharField(max_length=64, default="UTC")
    digest_weekday = models.PositiveSmallIntegerField(
        default=4, help_text="0 is Monday: the weekly digest goes out on this day."
    )
    digest_hour = models.PositiveSmallIntegerField(default=8)
    paused = models.BooleanField(default=False, help_text="Nothing is sent while paused.")
    # Consent as given: when, from which address, and the wording of the form they sent.
    consent_at = models.DateTimeField(default=timezone.now)
    consent_ip = models.GenericIPAddressField(null=True, blank=True)
    consent_wording = models.CharField(max_length=20)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Signed into every manage and unsubscribe link: a new one ends all links sent so far.
    link_key = models.CharField(max_length=32, default=new_key, editable=False)
    soft_bounces = models.PositiveSmallIntegerField(default=0)
    last_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_digest_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_weekday__lte=6) & Q(digest_hour__lte=23),
                name="follower_digest_time_valid",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "confirmed", "unsubscribed", "suppressed"]),
                name="follower_state_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "created_at"], name="follower_state_idx"),
            models.Index(fields=["next_digest_at"], name="follower_next_digest_idx"),
        ]

    def __str__(self):
        return self.email

    # No get_absolute_url: the public "object page" shortcut (core.views.object_page) would
    # hand anyone the follower's manage link.

    @property
    def receives_mail(self):
        return self.state == self.State.CONFIRMED and not self.paused


class FollowQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Follow(models.Model):
    """One show followed by one address (no show: everything the site publishes)."""

    class Frequency(models.TextChoices):
        EACH = "each", "Each new recap"
        WEEKLY = "weekly", "A weekly digest"

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="follows")
    show = models.ForeignKey(
        Show, on_delete=models.CASCADE, null=True, blank=True, related_name="email_follows"
    )
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.EACH)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Signed into the confirmation link; emptied once used, so the link works once.
    confirm_key = models.CharField(max_length=32, blank=True, default=new_key, editable=False)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["follower", "show__title"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "show"], name="follow_show_once"),
            models.UniqueConstraint(
                fields=["follower"], condition=Q(show__isnull=True), name="follow_everything_once"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=["each", "weekly"]), name="follow_frequency_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["show", "frequency", "confirmed_at"], name="follow_show_idx"),
        ]

    def __str__(self):
        return f"{self.follower} follows {self.show or 'everything'}"

    @property
    def what(self):
        return self.show.title if self.show else "everything on the site"


class Delivery(models.Model):
    """One message to one follower, written before it is handed to the mailer: the unique
    constraints make a second message for the same recap (or digest) impossible, whichever
    worker, run or republication tries."""

    class Kind(models.TextChoices):
        ALERT = "alert", "New recap"
        DIGEST = "digest", "Weekly digest"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Handed to the mailer"
        SENT = "sent", "Sent"
        FAILED = "failed", "Refused by the mail server"
        BOUNCED = "bounced", "Bounced"
        COMPLAINED = "complained", "Marked as spam"

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=Kind)
    recap = models.ForeignKey(
        Recap, on_delete=models.CASCADE, null=True, blank=True, related_name="follower_deliveries"
    )
    digest_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=State, default=State.QUEUED)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Which sending run claimed the row (follows.sending.claim).
    claimed_by = models.CharField(max_length=16, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "recap"],
                condition=Q(kind="alert"),
                name="delivery_one_alert_per_recap",
            ),
            models.UniqueConstraint(
                fields=["follower", "digest_at"],
                condition=Q(kind="digest"),
                name="delivery_one_digest_per_week",
            ),
            models.CheckConstraint(
                condition=(Q(kind="alert") & Q(recap__isnull=False))
                | (Q(kind="digest") & Q(digest_at__isnull=False)),
                name="delivery_kind_fields",
            ),
        ]
        indexes = [
            models.Index(fields=["recap", "state"], name="delivery_recap_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.follower} ({self.get_state_display()})"


class Suppression(models.Model):
    """An address never written to again: kept as a digest, so erasure does not undo it."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", "Hard bounce"
        SOFT_BOUNCES = "soft_bounces", "Soft bounces"
        COMPLAINT = "complaint", "Spam complaint"

    address = models.CharField(max_length=64, unique=True, editable=False)
    reason = models.CharField(max_length=20, choices=Reason)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.address[:12]}…)"

    @classmethod
    def covers(cls, email):
        return cls.objects.filter(address=address_digest(email)).exists()
