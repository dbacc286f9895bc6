from django.db import models


class RecapSlugRedirect(models.Model):
    """An address a published recap used to have; the recap page answers it with a 301.
    `Recap.save()` keeps these when a published recap's slug changes."""

    old_slug = models.SlugField(max_length=200, unique=True)
    recap = models.ForeignKey("Recap", on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.old_slug} → {self.recap.slug}"
