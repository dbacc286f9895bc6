from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse


class ImportRun(models.Model):
    """One run of `import_wordpress`: what it did, in counts, and what an editor must look at."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    source = models.CharField("export file", max_length=500)
    site_url = models.CharField("WordPress site", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    attention = models.JSONField(
        "needs an editor",
        default=list,
        blank=True,
        help_text="Items the import could not complete: each with its WordPress id and reason.",
    )
    report_csv = models.CharField("CSV report", max_length=500, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"
        verbose_name = "import run"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["running", "finished", "failed"]),
                name="import_run_status_valid",
            )
        ]

    def __str__(self):
        return (
            f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})" if self.started_at else self.source
        )

    def get_absolute_url(self):
        return reverse("admin:importer_importrun_change", args=[self.pk])


class WordPressOrigin(models.Model):
    """Where an imported object came from: the WordPress site and the id it had there. A second
    run finds its earlier work here, so it updates instead of duplicating."""

    class Kind(models.TextChoices):
        USER = "user", "Author"
        POST = "post", "Post"
        STILL = "still", "Image in a post"
        COMMENT = "comment", "Comment"
        TERM = "term", "Category or tag"

    site_url = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind)
    wp_id = models.CharField("WordPress id", max_length=200)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="A digest of what was imported, to see changes."
    )
    old_url = models.CharField(max_length=1000, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "WordPress origin"
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "wp_id"], name="wordpress_origin_once"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["user", "post", "still", "comment", "term"]),
                name="wordpress_origin_kind_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "wp_id"], name="wordpress_origin_lookup_idx"),
            models.Index(fields=["content_type", "object_id"], name="wordpress_origin_target_idx"),
        ]

    def __str__(self):
        return f"{self.site_url} {self.get_kind_display()} {self.wp_id}"
