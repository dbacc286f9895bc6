"""The record of the workflow: every move of a recap from one state to another."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .publication import State
from .recap import Recap


class RecapTransition(models.Model):
    """One move of a recap through the workflow: who, when, from which state to which."""

    recap = models.ForeignKey(Recap, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    from_state = models.CharField(max_length=20, choices=State, blank=True)
    to_state = models.CharField(max_length=20, choices=State)
    publish_time = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["recap", "-at"], name="transition_recap_idx")]

    def __str__(self):
        return f"{self.get_from_state_display() or 'new'} → {self.get_to_state_display()}"
