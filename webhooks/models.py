"""Outbound webhooks: the endpoints other services asked us to call (`Endpoint`), each message
sent to one of them (`Delivery`) and each try at it (`Attempt`).

Not to be confused with follows.webhooks, which *receives* the mail provider's bounce and
complaint webhooks."""

import base64
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Event(models.TextChoices):
    RECAP_PUBLISHED = "recap.published", "Recap published"
    RECAP_UPDATED = "recap.updated", "Recap updated"
    RECAP_UNPUBLISHED = "recap.unpublished", "Recap unpublished"
    COMMENT_APPROVED = "comment.approved", "Comment approved"
    SHOW_SCHEDULE_CHANGED = "show.schedule_changed", "Show schedule changed"


#: What the admin's "send test" sends; no endpoint subscribes to it.
TEST_EVENT = "webhook.test"


def new_secret():
    """A signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id():
    """The `webhook-id` of a message: the same on every attempt, so a receiver can drop a
    message it has had."""
    return f"msg_{secrets.token_urlsafe(18)}"


class EndpointQuerySet(models.QuerySet):
    def subscribed(self, event):
        """Enabled endpoints that asked for `event`. Events are a short list in a JSON column,
        read in Python: SQLite has no JSON containment lookup, and endpoints are few."""
        return [endpoint for endpoint in self.filter(enabled=True) if event in endpoint.events]


class Endpoint(models.Model):
    url = models.URLField(
        "URL", max_length=2000, help_text="Where the site POSTs each event, e.g. https://…/hooks."
    )
    description = models.CharField(max_length=200, blank=True, help_text="Who or what it is for.")
    events = models.JSONField(default=list, help_text="The events it is sent.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        editable=False,
        help_text="The receiver checks each message's webhook-signature with it.",
    )
    enabled = models.BooleanField(default=True)
    # Failed attempts since the last success, across the endpoint's deliveries.
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_at = models.DateTimeField(
        "disabled automatically at", null=True, blank=True, editable=False
    )
    disabled_reason = models.CharField(max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["url", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return self.description or self.url

    def save(self, *args, **kwargs):
        if self.enabled and self.disabled_at:
            # Switched on again after it was switched off for failing: it starts afresh.
            self.disabled_at, self.disabled_reason, self.consecutive_failures = None, "", 0
        super().save(*args, **kwargs)


class Delivery(models.Model):
    """One message (an event's payload) to one endpoint, however many attempts it takes."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed (gave up)"
        CANCELLED = "cancelled", "Cancelled (endpoint disabled)"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=[*Event.choices, (TEST_EVENT, "Test")])
    message_id = models.CharField("webhook-id", max_length=40, unique=True, default=new_message_id)
    # The body exactly as signed and sent, the same on every attempt.
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    attempt_count = models.PositiveSmallIntegerField("attempts", default=0)
    last_status = models.PositiveSmallIntegerField("last status", null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name_plural = "deliveries"
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["pending", "succeeded", "failed", "cancelled"]),
                name="webhook_delivery_state_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_endpoint_idx"),
            models.Index(fields=["state", "-created_at"], name="webhook_delivery_state_idx"),
        ]

    def __str__(self):
        return f"{self.event} to {self.endpoint} ({self.message_id})"

    @property
    def is_test(self):
        return self.event == TEST_EVENT


class Attempt(models.Model):
    """One POST of a delivery: what the endpoint answered, or why it did not."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField("response time (ms)", null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once"),
        ]

    def __str__(self):
        return f"Attempt {self.number}: {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
