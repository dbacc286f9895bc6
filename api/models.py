"""Keys that partners send to the content API for higher rate limits. Anyone may read the API
without one; a key only raises the limit.

A key is shown once, when it is made (`ApiKey.issue`); the database keeps its first characters
(to tell keys apart in the admin) and its SHA-256. A key is 32 random bytes, so a fast hash is
enough: there is nothing to guess that a slow hash would protect, unlike a password."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q

PREFIX_LENGTH = 8


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(models.Model):
    name = models.CharField(max_length=200, help_text="Who uses it, for example the partner app.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        default=600, help_text="Requests this key may make a minute (anonymous clients: fewer)."
    )
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "API key"
        constraints = [
            models.CheckConstraint(
                condition=Q(requests_per_minute__gte=1), name="api_key_limit_positive"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def issue(self):
        """A new secret for this key: stored hashed, returned once, in clear, to show once."""
        key = secrets.token_urlsafe(32)
        self.prefix = key[:PREFIX_LENGTH]
        self.key_hash = digest(key)
        return key

    @classmethod
    def find(cls, key):
        """The active key whose secret is `key`, or None."""
        if not key or len(key) > 200:
            return None
        return cls.objects.filter(key_hash=digest(key), is_active=True).first()
