from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from core.renditions import picture_sources, rendition
from core.stored_images import StoredImageField
from shows.models import Show


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    native_name = models.CharField(max_length=200, blank=True)
    photo = StoredImageField(upload_to="people/", blank=True)
    description = models.CharField(
        max_length=120, blank=True, help_text="A few words, such as “K-pop artist”."
    )
    bio = models.TextField(blank=True)
    catalogue_id = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    PHOTO_WIDTHS = (160, 320)
    webp_160 = rendition("photo", "webp", 160, 160)
    jpeg_160 = rendition("photo", "jpeg", 160, 160)
    webp_320 = rendition("photo", "webp", 320, 320)
    jpeg_320 = rendition("photo", "jpeg", 320, 320)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue_id"],
                condition=~Q(catalogue_id=""),
                name="person_catalogue_id_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    @cached_property
    def photo_picture(self):
        return picture_sources(self, "photo", self.PHOTO_WIDTHS, ratio=1)


class Credit(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        SUPPORTING = "supporting", "Supporting"
        SPECIAL = "special", "Special appearance"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="credits")
    character_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role, default=Role.SUPPORTING)
    billing_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are billed first."
    )

    class Meta:
        ordering = ["show", "billing_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "show", "character_name"], name="credit_unique_per_character"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["lead", "supporting", "special"]), name="credit_role_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["show", "role", "billing_order"], name="credit_show_billing_idx"),
        ]

    def __str__(self):
        character = f" as {self.character_name}" if self.character_name else ""
        return f"{self.person.name}{character} in {self.show.title}"
