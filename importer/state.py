"""What one import keeps while it runs.

The lookups every post needs (earlier imports, users, shows, episodes, tags, slugs) are loaded
once, so the queries per post are a fixed number. The rows posts leave to be written later are
one set, `Pending`: a failed post's share is cut from every list of it at once."""

from dataclasses import dataclass, field, fields

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from recaps.models import Recap, RecapTransition, Still, TaggedRecap
from shows.models import Episode, Show

from . import headlines
from .models import WordPressOrigin

Kind = WordPressOrigin.Kind


@dataclass
class Pending:
    """Rows the posts leave to be written later, a query for a kind rather than one a post.

    `mark` and `roll_back` go over every list here, so a list added here is rolled back with
    the post that failed without another line; its write goes beside the others."""

    # Written at the end of each batch (`ImportState.flush_batch`): rows no later post reads.
    origins: list = field(default_factory=list)  # WordPressOrigin
    stills: list = field(default_factory=list)  # (origin key, old URL, Still)
    tagged: list = field(default_factory=list)  # TaggedRecap
    transitions: list = field(default_factory=list)  # RecapTransition, of the new recaps
    edited: list = field(default_factory=list)  # recaps whose dates are the post's
    # Written at the end of the run (`links.link_also_read`): they may name later posts.
    also_read: list = field(default_factory=list)  # (recap pk, [old hrefs])

    def mark(self):
        return {kind.name: len(getattr(self, kind.name)) for kind in fields(self)}

    def roll_back(self, mark):
        for name, length in mark.items():
            del getattr(self, name)[length:]


class ImportState:
    def __init__(self, scan, report, *, dry_run=False, image_files=None):
        self.scan = scan
        self.site_url = scan.site_url
        self.report = report
        self.dry_run = dry_run
        self.image_files = image_files  # stills.ImageFiles: where the images are read from
        self.pending = Pending()
        self.load_lookups()
        self.ct = {
            model: ContentType.objects.get_for_model(model)
            for model in (get_user_model(), Recap, Still, XtdComment, Show, Tag)
        }
        self.site = Site.objects.get_current()
        # What this run made so far; `roll_back` forgets what a failed post made of these.
        self.users = {}  # login -> user
        self.category_shows = {}  # category slug -> Show
        self.recap_for_post = {}  # post id -> recap pk
        self.recap_slugs = {}  # recap pk -> slug
        self.redirects = {}  # old path -> new path

    def load_lookups(self):
        """What posts look up, in memory: earlier imports, slugs, shows, episodes, tags."""
        self.origins = {
            (kind, wp_id): [object_id, fingerprint]
            for kind, wp_id, object_id, fingerprint in WordPressOrigin.objects.filter(
                site_url=self.site_url
            ).values_list("kind", "wp_id", "object_id", "fingerprint")
        }
        for origin in self.pending.origins:  # the batch's, written at its end
            self.origins[(origin.kind, origin.wp_id)] = [origin.object_id, origin.fingerprint]
        self.slugs = set(Recap.objects.values_list("slug", flat=True))
        self.shows = {}
        for show in Show.objects.all():
            self.shows.setdefault(headlines.normalise(show.title), show)
            self.shows.setdefault(headlines.normalise(show.slug), show)
        self.show_slugs = set(Show.objects.values_list("slug", flat=True))
        self.episodes = {(e.show_id, e.number): e for e in Episode.objects.all()}
        self.tags = {tag.name.casefold(): tag for tag in Tag.objects.all()}

    def mark(self):
        """Where a post starts, in the pending rows and in the report."""
        return self.pending.mark(), self.report.mark()

    def roll_back(self, mark):
        """After a failed post, whose transaction was rolled back: its pending rows and its
        report dropped, the lookups read again, and what this run made that is gone forgotten."""
        pending_mark, report_mark = mark
        self.pending.roll_back(pending_mark)
        self.report.roll_back(report_mark)
        self.load_lookups()
        recaps = Recap.objects.filter(pk__in=self.recap_for_post.values())
        recaps_kept = set(recaps.values_list("pk", flat=True))
        self.recap_for_post = {k: v for k, v in self.recap_for_post.items() if v in recaps_kept}
        self.category_shows = {
            k: v for k, v in self.category_shows.items() if Show.objects.filter(pk=v.pk).exists()
        }
        users = get_user_model().objects.filter(pk__in=[user.pk for user in self.users.values()])
        users_kept = set(users.values_list("pk", flat=True))
        self.users = {k: v for k, v in self.users.items() if v.pk in users_kept}

    def remember(self, kind, wp_id, obj, fingerprint="", url=""):
        """That WordPress's `kind` `wp_id` is `obj` here, so a later run finds it."""
        key = (kind, str(wp_id))
        known = self.origins.get(key)
        if known:
            if known[1] != fingerprint:
                WordPressOrigin.objects.filter(
                    site_url=self.site_url, kind=kind, wp_id=str(wp_id)
                ).update(fingerprint=fingerprint, object_id=obj.pk)
            known[:] = [obj.pk, fingerprint]
            return
        self.origins[key] = [obj.pk, fingerprint]
        self.pending.origins.append(
            WordPressOrigin(
                site_url=self.site_url,
                kind=kind,
                wp_id=str(wp_id),
                content_type=self.ct[type(obj)],
                object_id=obj.pk,
                fingerprint=fingerprint,
                old_url=url[:1000],
            )
        )

    def flush_origins(self):
        if self.pending.origins:
            WordPressOrigin.objects.bulk_create(self.pending.origins)
            self.pending.origins.clear()

    def flush_batch(self):
        """The pending rows no later post reads back, a query each: each list is emptied as it
        is written. Also Read picks wait for the end of the run."""
        pending = self.pending
        Still.objects.bulk_create([still for _, _, still in pending.stills])
        for key, url, still in pending.stills:
            self.remember(Kind.STILL, key, still, url=url)
        pending.stills.clear()
        self.flush_origins()
        TaggedRecap.objects.bulk_create(pending.tagged, ignore_conflicts=True)
        pending.tagged.clear()
        RecapTransition.objects.bulk_create(pending.transitions)
        pending.transitions.clear()
        Recap.objects.bulk_update(pending.edited, ["updated_at", "text_changed_at"])
        pending.edited.clear()
