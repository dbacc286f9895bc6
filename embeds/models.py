from django.db import models
from django.utils.functional import cached_property

from core.renditions import picture_sources, rendition
from core.stored_images import StoredImageField


class Embed(models.Model):
    """What a provider said about one link, asked when a recap holding the link was saved:
    readers' requests only read it. A failed answer is kept too (the link stays a link) so that
    it is asked again only after `EMBEDS_RETRY_AFTER_SECONDS`."""

    class Status(models.TextChoices):
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    url = models.URLField("address", max_length=1000, unique=True)
    status = models.CharField(max_length=10, choices=Status)
    provider = models.CharField(max_length=50, blank=True)
    title = models.CharField(max_length=300, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    player_url = models.URLField(max_length=1000, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    # Where the thumbnail came from: a refresh fetches it again only when this changes.
    thumbnail_url = models.URLField(max_length=2000, blank=True)
    thumbnail = StoredImageField(
        upload_to="embeds/%Y/%m/",
        width_field="thumbnail_width",
        height_field="thumbnail_height",
        blank=True,
    )
    thumbnail_width = models.PositiveIntegerField(editable=False, null=True)
    thumbnail_height = models.PositiveIntegerField(editable=False, null=True)
    error = models.CharField(max_length=500, blank=True, help_text="Why the link is not embedded.")
    fetched_at = models.DateTimeField("asked at")

    RENDITION_WIDTHS = (480, 800)
    webp_480 = rendition("thumbnail", "webp", 480)
    jpeg_480 = rendition("thumbnail", "jpeg", 480)
    webp_800 = rendition("thumbnail", "webp", 800)
    jpeg_800 = rendition("thumbnail", "jpeg", 800)

    class Meta:
        ordering = ["-fetched_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["ready", "failed"]), name="embed_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(player_url=""),
                name="embed_ready_has_player",
            ),
        ]

    def __str__(self):
        return self.title or self.url

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @cached_property
    def thumbnail_picture(self):
        return picture_sources(
            self,
            "thumbnail",
            self.RENDITION_WIDTHS,
            size=(self.thumbnail_width, self.thumbnail_height),
        )

    @property
    def shape(self):
        """The facade's box, one of a few shapes (the stylesheet reserves each, so nothing moves
        when the player replaces the thumbnail): the nearest to the player's size."""
        if not self.width or not self.height:
            return "tall" if self.provider in POST_PROVIDERS else "wide"
        ratio = self.height / self.width
        return min(SHAPES, key=lambda shape: abs(SHAPES[shape] - ratio))


#: height / width of each facade shape (embeds.css has one rule for each).
SHAPES = {"wide": 9 / 16, "classic": 3 / 4, "square": 1, "tall": 5 / 4, "vertical": 16 / 9}
#: Providers of posts rather than videos: a post's height is not known before it renders.
POST_PROVIDERS = {"Bluesky", "Mastodon", "Instagram"}
