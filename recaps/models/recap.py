"""The recap: the article, what a save keeps up to date (word count, the "Updated" time, share
links, old addresses), and the queryset every list of recaps starts from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from core.richtext import RichTextField, text_without_spoiler_passages
from shows.models import Episode
from sitesettings.models import SiteSettings

from .. import reading
from .publication import State, Status, is_visible, published_condition, state_of
from .redirects import RecapSlugRedirect


class RecapQuerySet(models.QuerySet):
    def published(self, at=None):
        """The recaps readers may see: `publication.is_visible()` as a query."""
        return self.filter(published_condition(at))

    def next_publication(self, at=None):
        """When the next scheduled recap goes live, or None: caches of public lists expire then."""
        return (
            self.filter(status=Status.PUBLISHED, published_at__gt=at or timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Recaps created in bulk skip `save()`: count their words here, as `save()` does."""
        objs = list(objs)
        for recap in objs:
            recap.word_count = recap.count_words()
        return super().bulk_create(objs, *args, **kwargs)

    def for_lists(self):
        """Without the long article sections, which cards, links and feeds of many recaps never
        show (the intro stays: excerpts come from it)."""
        return self.defer("body", "bonus_track", "review")

    def with_article_relations(self):
        return self.select_related("episode__show", "author")


def text_modified(through=""):
    """`Recap.text_modified_at` as an SQL expression, for a published recap (a sitemap's
    lastmod): a later edit of its text, else its publication. Not `updated_at`, which any save
    moves (a tag, a comment setting, a scheduled alert sent)."""
    published = f"{through}published_at"
    return Greatest(Coalesce(f"{through}text_changed_at", published), published)


class Recap(models.Model):
    # Defined beside the rule of visibility (`publication`); everyone else says `Recap.Status`.
    Status = Status
    State = State

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="recaps")
    subtitle = models.CharField(
        max_length=200, help_text="Completes the headline “Show Episode N Recap and Review: …”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recaps"
    )
    intro = RichTextField(blank=True, help_text="What happened before, or what the show is about.")
    body = RichTextField("recap", blank=True)
    bonus_track = RichTextField(blank=True, help_text="The post-credits scene, if there is one.")
    review = RichTextField(blank=True)
    verdict = models.CharField(max_length=300, blank=True, help_text="The review in one sentence.")
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Out of 10, shown with the verdict."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time", null=True, blank=True, help_text="A future time schedules the recap."
    )
    meta_description = models.CharField(
        max_length=300, blank=True, help_text="Shown by search engines and on social cards."
    )
    # What mail to followers (the follows app) may say about the recap.
    no_follower_alert = models.BooleanField(
        "do not alert followers",
        default=False,
        help_text="For corrections and minor updates: followers get no mail when it goes live.",
    )
    intro_spoiler_free = models.BooleanField(
        "intro is spoiler-free",
        default=False,
        help_text="Mail to followers may quote the intro; otherwise it has a spoiler-free teaser.",
    )
    # Stored because lists never load the long sections (`for_lists()`) yet show reading times;
    # `save()` and `bulk_create()` count it from READING_FIELDS.
    word_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Words a reader sees in the intro and sections."
    )
    READING_FIELDS = ("intro", "body", "bonus_track", "review")
    # What a reader reads of the recap: the headline (episode and subtitle), the summary, the
    # sections and the verdict with its score. Tags, stills and workflow fields are not text.
    READER_TEXT_FIELDS = (
        "episode",
        "subtitle",
        "meta_description",
        *READING_FIELDS,
        "verdict",
        "rating",
    )
    # What a save compares with the stored row: the address, the publication, the text.
    STORED_BEFORE_FIELDS = ("slug", "status", "published_at", *READER_TEXT_FIELDS)
    also_read = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="picked_by",
        verbose_name="Also Read picks",
    )
    # Tags stay taggit's, shared across the site; the links are TaggedRecap rows (reverse name
    # `tagged_items`, which django-reversion follows so a revert restores the tags).
    tags = TaggableManager(through="TaggedRecap", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Any write moves it (a demo load, a word count, a bulk update): it dates the row, not the
    # text. Readers' "Updated" line and the article's modified time read `text_changed_at`.
    updated_at = models.DateTimeField(auto_now=True)
    text_changed_at = models.DateTimeField(
        "text changed",
        null=True,
        blank=True,
        editable=False,
        help_text="The last save that changed what readers read, made while they could read it.",
    )
    # What the recap's share links sign besides its pk (`recaps.preview`): emptied to revoke
    # them all. Left out of revisions, so a revert empties it too and never brings one back.
    share_key = models.CharField(max_length=32, blank=True, editable=False)

    objects = RecapQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("review_recap", "Can review recaps (send back to the writer, edit anyone's)"),
            ("publish_recap", "Can publish, schedule and unpublish recaps"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="recap_published_needs_time",
                violation_error_message=(
                    "A published recap needs a publish time: set one (a future time schedules "
                    "it) or keep the recap as a draft."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review", "published", "unpublished"]),
                name="recap_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=10),
                name="recap_rating_range",
                violation_error_message="A rating is a whole number from 1 to 10.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="recap_published_idx"),
            models.Index(fields=["episode", "status", "-published_at"], name="recap_episode_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or not set(update_fields).isdisjoint(self.READING_FIELDS):
            self.word_count = self.count_words()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "word_count"}
        saved = [
            name
            for name in self.READER_TEXT_FIELDS
            if update_fields is None or name in update_fields
        ]
        old = getattr(self, "stored_before_revert", None)
        if old is None and self.pk is not None:
            old = Recap.objects.filter(pk=self.pk).values(*self.STORED_BEFORE_FIELDS).first()
        if old and self.text_changes_live(old, saved):
            self.text_changed_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "text_changed_at"}
        if old and old["status"] == self.Status.PUBLISHED and self.status != self.Status.PUBLISHED:
            # Taken off the site (or off the schedule): the share links sent so far must not
            # show what the recap becomes next.
            self.share_key = ""
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "share_key"}
        super().save(*args, **kwargs)
        if old and old["slug"] != self.slug and old["status"] == self.Status.PUBLISHED:
            # Readers and search engines know the old address: keep it answering with a 301.
            RecapSlugRedirect.objects.update_or_create(
                old_slug=old["slug"], defaults={"recap": self}
            )
        if old and old["slug"] != self.slug:
            # The recap answers on its own slug again: no redirect may shadow it.
            RecapSlugRedirect.objects.filter(old_slug=self.slug).delete()

    def get_absolute_url(self):
        return reverse("recaps:detail", kwargs={"slug": self.slug})

    def text_changes_live(self, old, names):
        """Whether this save changes text readers were reading (`old`: the stored row). Edits
        before publication, or while unpublished, are not corrections of a published text."""
        if not is_visible(old["status"], old["published_at"]):
            return False
        return any(old[name] != self._stored_form(name) for name in names)

    def _stored_form(self, name):
        # Rich text is sanitised in pre_save: compare what would be stored, so an unchanged
        # section set from unsanitised markup (an import, a shell) is not a change.
        field = self._meta.get_field(name)
        value = getattr(self, field.attname)
        return field.sanitize(value or "") if isinstance(field, RichTextField) else value

    @property
    def text_modified_at(self):
        """When the text readers read last changed: a later edit of it, else its publication
        (a draft's preview has neither, so its last save stands in)."""
        published = self.published_at or self.updated_at
        return max(self.text_changed_at or published, published)

    @property
    def state(self):
        return state_of(self.status, self.published_at)

    def get_state_display(self):
        return self.State(self.state).label

    @property
    def headline(self):
        return f"{self.episode} Recap and Review: {self.subtitle}"

    def section_heading(self, section):
        return f"{self.episode} {section}"

    @property
    def excerpt(self):
        """A plain-text summary for lists and cards: the meta description, else the intro
        without its spoilers."""
        if self.meta_description:
            return self.meta_description
        return Truncator(text_without_spoiler_passages(self.intro)).words(40)

    def count_words(self):
        """The words a reader sees in the intro and sections (see `reading`)."""
        return reading.count_words(*(getattr(self, name) for name in self.READING_FIELDS))

    @property
    def reading_minutes(self):
        return reading.minutes_to_read(self.word_count)

    @property
    def author_name(self):
        """The name readers see in the byline, JSON-LD and feeds: the author's full name, never
        their user name (half of a staff login). An author without one writes as the site's
        staff, and the pre-publish checks say so (recaps.checks)."""
        return self.author.get_full_name() or SiteSettings.load().staff_byline

    @property
    def is_published(self):
        """Whether readers may see the recap now (`publication.is_visible()`)."""
        return is_visible(self.status, self.published_at)
