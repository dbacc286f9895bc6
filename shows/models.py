import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from core.renditions import picture_sources, rendition
from core.stored_images import StoredImageField

from . import facts, release_times
from .fields import WeekdaysField
from .schedule import ReleaseSchedule, air_date


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone name such as Asia/Seoul or America/New_York.",
            code="invalid_time_zone",
            params={"value": value},
        )


class Platform(models.Model):
    """A streaming service or broadcaster where a show can be watched."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ShowQuerySet(models.QuerySet):
    def with_platforms(self):
        return self.prefetch_related("platforms")


class Show(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    native_title = models.CharField(
        max_length=200, blank=True, help_text="For example 사운드트랙#2."
    )
    other_titles = models.CharField(
        max_length=300, blank=True, help_text="Other names readers search for, separated by commas."
    )
    country = models.CharField(max_length=100, blank=True)
    synopsis = models.TextField(blank=True)
    poster = StoredImageField(upload_to="posters/", blank=True)
    platforms = models.ManyToManyField(Platform, blank=True, related_name="shows")
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name="earlier season",
        help_text="The season this one continues.",
    )
    premiere_date = models.DateField(null=True, blank=True)
    planned_episode_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty while unknown."
    )
    release_weekdays = WeekdaysField(
        "release weekdays", help_text="Leave empty to release on the premiere's weekday."
    )
    release_time = models.TimeField(
        null=True, blank=True, help_text="Local time in the show's time zone."
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="The zone the release time is given in, for example Asia/Kolkata.",
    )
    episodes_per_release = models.PositiveSmallIntegerField(
        default=1, help_text="How many episodes come out on each release day."
    )
    all_at_once = models.BooleanField(
        "all episodes at once", default=False, help_text="Every episode comes out on the premiere."
    )
    schedule_unknown = models.BooleanField(
        "schedule unknown",
        default=False,
        help_text="Set on shows the WordPress import created. Readers see no release schedule or "
        "air dates worked out from it until an editor completes the schedule: filling in the "
        "premiere date and schedule here clears it.",
    )
    catalogue_id = models.CharField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="Where this show's facts come from: the catalogue, its show and season.",
    )
    catalogue_url = models.URLField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    POSTER_WIDTHS = (240, 480)
    POSTER_RATIO = 1.5
    webp_240 = rendition("poster", "webp", 240, 360)
    jpeg_240 = rendition("poster", "jpeg", 240, 360)
    webp_480 = rendition("poster", "webp", 480, 720)
    jpeg_480 = rendition("poster", "jpeg", 480, 720)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(episodes_per_release__gte=1), name="show_episodes_per_release_positive"
            ),
            models.CheckConstraint(
                condition=Q(planned_episode_count__isnull=True) | Q(planned_episode_count__gte=1),
                name="show_planned_episode_count_positive",
            ),
            models.CheckConstraint(
                condition=~Q(follows=models.F("pk")), name="show_does_not_follow_itself"
            ),
            models.UniqueConstraint(
                fields=["catalogue_id"],
                condition=~Q(catalogue_id=""),
                name="show_catalogue_id_unique",
            ),
        ]
        indexes = [models.Index(fields=["premiere_date"], name="show_premiere_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shows:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.follows_id and self.follows_id == self.pk:
            raise ValidationError({"follows": "A show cannot follow itself."})

    @property
    def catalogue_name(self):
        """The catalogue the facts came from, as its id starts ("TVmaze:…"), for the credit
        its licence asks for."""
        return self.catalogue_id.partition(":")[0]

    @cached_property
    def release_schedule(self):
        """The schedule as plain data, or None while the premiere is unknown or the schedule is
        marked unknown (an imported show's defaults are not facts)."""
        if not self.premiere_date or self.schedule_unknown:
            return None
        return ReleaseSchedule(
            premiere=self.premiere_date,
            weekdays=tuple(self.release_weekdays or ()),
            episodes_per_release=self.episodes_per_release,
            release_time=self.release_time,
            time_zone=self.time_zone,
            all_at_once=self.all_at_once,
            episode_count=self.planned_episode_count,
        )

    def scheduled_air_date(self, number):
        """The date the schedule gives episode `number`; None beyond the planned count."""
        if not self.release_schedule:
            return None
        try:
            return air_date(self.release_schedule, number)
        except ValueError:
            return None

    def local_today(self, at=None):
        """Today's date where the show is released: the day that decides a sentence's tense."""
        at = at or timezone.now()
        return at.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    @property
    def platform_names(self):
        return [platform.name for platform in self.platforms.all()]

    @property
    def finale_date(self):
        if not self.release_schedule or not self.planned_episode_count:
            return None
        return self.scheduled_air_date(self.planned_episode_count)

    def run_line(self, at: datetime | None = None):
        return facts.run_line(
            self.title,
            self.platform_names,
            self.premiere_date,
            self.finale_date,
            self.local_today(at),
        )

    def where_to_watch(self, at: datetime | None = None):
        return facts.where_to_watch(self.platform_names, self.premiere_date, self.local_today(at))

    @cached_property
    def poster_picture(self):
        return picture_sources(self, "poster", self.POSTER_WIDTHS, ratio=self.POSTER_RATIO)

    def schedule_line(self, at: datetime | None = None):
        if not self.release_schedule:
            return ""
        return facts.schedule_line(self.release_schedule, self.local_today(at))

    def schedule_instant(self, at: datetime | None = None):
        """The moment behind the schedule line's release time, for readers in other zones."""
        if not self.release_schedule:
            return None
        return release_times.schedule_instant(self.release_schedule, self.local_today(at))

    def next_release_notice(self, at: datetime | None = None):
        """What comes out next while the show airs, or None."""
        if not self.release_schedule:
            return None
        return release_times.next_release_notice(self.release_schedule, at or timezone.now())


class Episode(models.Model):
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, blank=True)
    air_date_override = models.DateField(
        "air date (set by hand)",
        null=True,
        blank=True,
        help_text="Leave empty to derive the air date from the show's release schedule.",
    )
    catalogue_id = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["show", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["show", "number"], name="episode_number_unique_per_show"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="episode_number_positive"),
            models.UniqueConstraint(
                fields=["catalogue_id"],
                condition=~Q(catalogue_id=""),
                name="episode_catalogue_id_unique",
            ),
        ]

    def __str__(self):
        return f"{self.show.title} Episode {self.number}"

    def get_absolute_url(self):
        return f"{self.show.get_absolute_url()}#episode-{self.number}"

    @property
    def air_date(self):
        return self.air_date_override or self.show.scheduled_air_date(self.number)
