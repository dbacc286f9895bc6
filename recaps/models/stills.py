"""The stills of a recap: images placed in its sections, with their renditions."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit

from core.renditions import picture, rendition
from core.stored_images import StoredImageField

from .recap import Recap


class Still(models.Model):
    class Section(models.TextChoices):
        RECAP = "recap", "Recap"
        BONUS_TRACK = "bonus_track", "Bonus Track"
        REVIEW = "review", "Review"

    recap = models.ForeignKey(Recap, on_delete=models.CASCADE, related_name="stills")
    image = StoredImageField(upload_to="stills/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        max_length=300, help_text="What the still shows, for readers who cannot see it."
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="Who owns the image.")
    section = models.CharField(max_length=20, choices=Section, default=Section.RECAP)
    order = models.PositiveSmallIntegerField(default=0)
    is_hero = models.BooleanField(
        "hero still", default=False, help_text="Leads the article and its social cards."
    )

    thumbnail = ImageSpecField(
        source="image", processors=[ResizeToFit(240, 160)], format="JPEG", options={"quality": 80}
    )
    RENDITION_WIDTHS = (480, 800, 1200)
    webp_480 = rendition("image", "webp", 480)
    jpeg_480 = rendition("image", "jpeg", 480)
    webp_800 = rendition("image", "webp", 800)
    jpeg_800 = rendition("image", "jpeg", 800)
    webp_1200 = rendition("image", "webp", 1200)
    jpeg_1200 = rendition("image", "jpeg", 1200)

    class Meta:
        ordering = ["recap", "section", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="still_alt_text_required"),
            models.UniqueConstraint(
                fields=["recap"],
                condition=Q(is_hero=True),
                name="still_one_hero_per_recap",
                violation_error_message="A recap has one hero still; untick “hero still” on the "
                "others.",
            ),
            models.CheckConstraint(
                condition=Q(section__in=["recap", "bonus_track", "review"]),
                name="still_section_valid",
            ),
        ]
        indexes = [models.Index(fields=["recap", "section", "order"], name="still_section_idx")]

    def __str__(self):
        return self.caption or self.alt_text

    @cached_property
    def picture(self):
        return picture(self, "image", self.RENDITION_WIDTHS, size=(self.width, self.height))
