"""What the site keeps to take part in the fediverse: one RSA key pair per actor it speaks as
(each show, and the site itself), the remote actors it has met, who follows which show, the
remote actors the site follows (its own Follow, for a second Episodic or any server), every
activity it received (its id, so a replay changes nothing), every delivery it owes, and the
domains an admin blocked."""

from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q


class KeyPair(models.Model):
    """`owner` is "site" or "show-<pk>". The private key never leaves this table."""

    owner = models.CharField(max_length=40, unique=True)
    public_key_pem = models.TextField()
    private_key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "key pair"

    def __str__(self):
        return self.owner


class RemoteActor(models.Model):
    uri = models.URLField(max_length=500, unique=True)
    domain = models.CharField(max_length=255, db_index=True)
    username = models.CharField(max_length=255, blank=True)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    key_id = models.CharField(max_length=500, blank=True, db_index=True)
    public_key_pem = models.TextField(blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["domain", "username"]

    def __str__(self):
        return f"@{self.username}@{self.domain}" if self.username else self.uri

    @property
    def delivery_inbox(self):
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    """A remote actor following a show's actor (accepted at once: shows are public)."""

    show = models.ForeignKey(
        "shows.Show", on_delete=models.CASCADE, related_name="fediverse_followers"
    )
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="follows")
    follow_id = models.URLField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["show", "actor"], name="fediverse_one_follow_per_actor")
        ]
        indexes = [models.Index(fields=["show", "-created_at"], name="fediverse_followers_of_show")]

    def __str__(self):
        return f"{self.actor} follows {self.show}"


class Following(models.Model):
    """A remote actor the site (its own actor) follows; `accepted_at` once it said Accept."""

    actor = models.OneToOneField(RemoteActor, on_delete=models.CASCADE, related_name="followed")
    follow_id = models.URLField(max_length=500, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"site follows {self.actor}"


class ReceivedActivity(models.Model):
    """Every activity an inbox took, by id: the second delivery of one is answered and ignored.
    `headers` are the signed request's, kept for the admin and for interop checks."""

    activity_id = models.URLField(max_length=500, unique=True)
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(RemoteActor, on_delete=models.CASCADE, related_name="activities")
    payload = models.JSONField()
    headers = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "received activities"

    def __str__(self):
        return f"{self.kind} {self.activity_id}"


class Delivery(models.Model):
    """One activity owed to one inbox (a shared inbox counts once, whoever behind it follows)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    activity_id = models.URLField(max_length=500)
    kind = models.CharField(max_length=40)
    owner = models.CharField(max_length=40)  # the KeyPair that signs it
    inbox = models.URLField(max_length=500)
    payload = models.JSONField()
    recap = models.ForeignKey(
        "recaps.Recap", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["activity_id", "inbox"], name="fediverse_one_delivery_per_inbox"
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "created_at"],
                name="fediverse_deliveries_queued",
                condition=Q(status="queued"),
            )
        ]

    def __str__(self):
        return f"{self.kind} to {self.inbox}"


class BlockedDomain(models.Model):
    domain = models.CharField(max_length=255, unique=True, help_text="e.g. spam.example")
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)

    def covers(self, host):
        """Whether `host` (a domain, with or without its port) is on or under this domain."""
        host = urlsplit(f"//{host}").hostname or ""
        return host == self.domain or host.endswith(f".{self.domain}")

    def actors(self):
        """The remote actors on this domain or under it."""
        domains = RemoteActor.objects.values_list("domain", flat=True).distinct()
        return RemoteActor.objects.filter(domain__in=[d for d in domains if self.covers(d)])

    @classmethod
    def blocks(cls, host):
        """Whether `host` (a host name, without port) is on or under a blocked domain."""
        host = (host or "").lower()
        parts = host.split(".")
        candidates = {".".join(parts[i:]) for i in range(len(parts))}
        return cls.objects.filter(domain__in=candidates).exists()
