"""The WordPress import: two passes over the export, then the links that need every post.

Pass 1 (`scan`) reads the whole file once: it proves the XML is well-formed and safe before
anything is written, counts the posts for the progress bar, and keeps the small things every
post refers to (authors, terms, attachments, each post's old address). Pass 2 imports the posts
one at a time, each with its stills and comments in a transaction of its own, so one bad post
is reported and the rest goes on. The queries per post are a fixed number: everything a post
looks up (earlier imports, users, shows, episodes, tags, slugs) is loaded once into memory.
"""

import hashlib
import io
import ipaddress
import re
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import batched
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.text import Truncator, slugify
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment
from PIL import Image
from taggit.models import Tag

from core import renditions
from core.fetch import BadStatus, FetchError, Refused, TooLarge, fetch
from core.images import validate_image
from core.spreadsheets import SpreadsheetWriter
from discussion.models import Moderation
from pagecache import tags as cache_tags
from pagecache.purge import invalidate
from recaps.models import Recap, RecapTransition, Still, TaggedRecap
from recaps.roles import WRITERS
from search import documents
from shows.models import Episode, Show

from . import content, headlines, wxr
from . import embeds as wordpress_embeds
from .models import ImportRun, WordPressOrigin

Kind = WordPressOrigin.Kind
LEFT_OUT_STATUSES = {"trash", "auto-draft", "inherit"}
STATUS_MAP = {
    "publish": Recap.Status.PUBLISHED,
    "future": Recap.Status.PUBLISHED,  # with a future time: scheduled
    "draft": Recap.Status.DRAFT,
    "pending": Recap.Status.IN_REVIEW,
    "private": Recap.Status.DRAFT,
}
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
SCHEDULE_UNKNOWN = "imported: schedule unknown"
POSTS_PER_COMMIT = 100
BASE_FIELDS = [f for f in BaseComment._meta.concrete_fields if not f.primary_key]
XTD_COLUMNS = (
    "comment_ptr_id",
    "thread_id",
    "parent_id",
    "level",
    "order",
    "followup",
    "nested_count",
)


@dataclass
class Row:
    kind: str
    wp_id: str
    url: str = ""
    title: str = ""
    outcome: str = ""
    reason: str = ""
    attention: bool = False
    admin_url: str = ""
    content: str = ""


@dataclass
class Report:
    site_url: str = ""
    counts: Counter = field(default_factory=Counter)
    rows: list = field(default_factory=list)

    def add(self, kind, wp_id, outcome, reason="", *, attention=False, **extra):
        self.rows.append(
            Row(kind, str(wp_id), outcome=outcome, reason=reason, attention=attention, **extra)
        )

    @property
    def attention(self):
        return [row for row in self.rows if row.attention]

    def summary(self):
        c = self.counts
        lines = [
            f"Recaps: {c['recaps_created']} created, {c['recaps_updated']} updated, "
            f"{c['recaps_unchanged']} unchanged",
            f"Posts left out: {c['posts_left_out']} (listed with their reasons in the CSV), "
            f"failed: {c['failed']}",
            f"Comments: {c['comments_public']} public, {c['comments_held']} held for moderation, "
            f"{c['comments_left_out']} left out (pingbacks {c['comments_pingback']}, trackbacks "
            f"{c['comments_trackback']}, spam {c['comments_spam']}, trash {c['comments_trash']}), "
            f"{c['comments_unchanged']} already imported",
            f"Images: {c['images_found']} found, {c['images_missing']} missing, "
            f"{c['images_provisional_alt']} with provisional alt text",
            f"Users: {c['users_created']} created, {c['users_existing']} already imported",
            f"Shows created: {c['shows_created']} ({SCHEDULE_UNKNOWN}), episodes created: "
            f"{c['episodes_created']}, tags created: {c['tags_created']}",
            f"Embeds: {c['embed_blocks']} blocks, {c['embed_shortcodes']} shortcodes, "
            f"{c['embed_bare']} links on a line of their own; other sites' addresses made links: "
            f"{c['embed_links']}",
            f"Show-facts paragraphs dropped: {c['facts_dropped']}; Also Read picks: "
            f"{c['also_read']}; redirects: {c['redirects']}",
            f"Needs an editor: {len(self.attention)} items",
        ]
        if "seconds" in c:
            lines.append(f"Time: {c['seconds']} s; peak memory: {c['peak_memory_mb']} MB")
        return "\n".join(lines)

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = SpreadsheetWriter(out)
            writer.writerow(
                [
                    "kind",
                    "wordpress_id",
                    "old_url",
                    "title",
                    "outcome",
                    "reason",
                    "needs_editor",
                    "admin_url",
                    "content",
                ]
            )
            for row in self.rows:
                writer.writerow(
                    [
                        row.kind,
                        row.wp_id,
                        row.url,
                        row.title,
                        row.outcome,
                        row.reason,
                        "yes" if row.attention else "",
                        row.admin_url,
                        row.content,
                    ]
                )


@dataclass
class Scan:
    """What pass 1 keeps: small records every post may refer to."""

    channel: wxr.Channel = None
    authors: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> Term
    attachments: dict = field(default_factory=dict)  # id -> Item without content
    post_paths: dict = field(default_factory=dict)  # old path -> post id
    post_count: int = 0


def tag_url(tag):
    return reverse("recaps:tag", kwargs={"slug": tag.slug})


def parse_date(value):
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def updated_time(published_at, item):
    """When the post was last edited, never before its publication: a post never edited since
    it went live reads as not updated."""
    modified = parse_date(item.modified_gmt)
    if published_at is None:
        return modified or timezone.now()
    return max(published_at, modified) if modified else published_at


def upload_path(relative):
    """`relative` as a path inside the uploads folder, or None when it would leave it: an
    absolute path (`//host/…` included), a `..`, a backslash or a control character."""
    parts = PurePosixPath(relative).parts
    if (
        not parts
        or relative.startswith("/")
        or ".." in parts
        or "\\" in relative
        or not relative.isprintable()
    ):
        return None
    return PurePosixPath(*parts)


def old_path(url):
    """The path (and WordPress query) an old link is asked for, as Django's
    `request.get_full_path()` spells it."""
    parts = urlsplit(url or "")
    path = escape_uri_path(unquote(parts.path or "/"))
    return f"{path}?{parts.query}" if parts.query else path


class WordPressImport:
    def __init__(
        self,
        path,
        *,
        uploads=None,
        media_base_url=None,
        dry_run=False,
        progress=False,
        max_fetch_bytes=None,
    ):
        self.path = Path(path)
        self.uploads = Path(uploads).resolve() if uploads else None
        self.media_base_url = media_base_url.rstrip("/") + "/" if media_base_url else None
        self.dry_run = dry_run
        self.progress = progress
        self.max_fetch_bytes = max_fetch_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
        self.report = Report()
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    # Pass 1 ---------------------------------------------------------------------------------

    def scan(self):
        scan = Scan()
        for record in wxr.read(self.path):
            if isinstance(record, wxr.Channel):
                scan.channel = record
            elif isinstance(record, wxr.Author):
                scan.authors.append(record)
            elif isinstance(record, wxr.Term):
                scan.terms[(record.taxonomy, record.slug)] = record
            elif record.type == "attachment":
                record.content = ""
                scan.attachments[record.id] = record
            elif record.type in ("post", "page"):
                scan.post_count += 1
                if record.type == "post":
                    scan.post_paths[old_path(record.link)] = record.id
                    scan.post_paths[f"/?p={record.id}"] = record.id
        self.scan_result = scan
        self.site_url = scan.channel.site_url if scan.channel else ""
        self.report.site_url = self.site_url
        return scan

    # Pass 2 ---------------------------------------------------------------------------------

    def run(self):
        """Import the export; raises wxr.ExportError (nothing written) if it is unreadable."""
        scan = self.scan()
        outer = transaction.atomic() if self.dry_run else nullcontext()
        with outer:
            self.prepare(scan)
            bar = self._progress_bar(scan.post_count)
            posts = (
                item
                for item in wxr.read(self.path)
                if isinstance(item, wxr.Item) and item.type in ("post", "page")
            )
            # Each post is a savepoint of its own (a failure rolls back that post alone); the
            # batch around them saves a disk sync per post (on SQLite, most of the time), and
            # writes together what no later post reads back (`flush_batch`).
            for batch in batched(posts, POSTS_PER_COMMIT):
                with transaction.atomic(), documents.deferred_refresh() as saved:
                    for item in batch:
                        self.import_item(item)
                        bar.update(1)
                    self.flush_batch(saved)
            bar.close()
            self.link_also_read()
            self.redirect_terms(scan)
            self.write_redirects()
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                # Bulk writes send no signals: every reader page may show what came in.
                invalidate({cache_tags.SITE})
        if not self.dry_run:
            # Fresh planner statistics for what came in: SQLite keeps none until ANALYZE, and
            # then reads lists of recaps through the wrong index as the archive grows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return self.report

    def _progress_bar(self, total):
        from tqdm import tqdm

        return tqdm(total=total, unit="post", disable=not self.progress, dynamic_ncols=True)

    def prepare(self, scan):
        # What the batch writes at its end (`flush_batch`): rows no later post reads back.
        self.new_origins = []
        self.stills = []  # (origin key, url, Still)
        self.tagged = []
        self.transitions = []  # of the new recaps
        self.edited = []  # recaps whose `updated_at` and `text_changed_at` are the post's
        self.load_caches()
        self.ct = {
            model: ContentType.objects.get_for_model(model)
            for model in (get_user_model(), Recap, Still, XtdComment, Show, Tag)
        }
        self.site = Site.objects.get_current()
        self.category_shows = {}  # category slug -> Show
        self.redirects = {}  # old path -> new path
        self.also_read = []  # (recap pk, [hrefs])
        self.recap_for_post = {}  # WordPress post id -> recap pk (this run)
        self.recap_slugs = {}  # recap pk -> slug (this run)
        self.users = self.prepare_users(scan)

    def load_caches(self):
        """What posts look up, in memory: earlier imports, slugs, shows, episodes, tags."""
        self.origins = {
            (kind, wp_id): [object_id, fingerprint]
            for kind, wp_id, object_id, fingerprint in WordPressOrigin.objects.filter(
                site_url=self.site_url
            ).values_list("kind", "wp_id", "object_id", "fingerprint")
        }
        for origin in self.new_origins:  # the batch's, written at its end
            self.origins[(origin.kind, origin.wp_id)] = [origin.object_id, origin.fingerprint]
        self.slugs = set(Recap.objects.values_list("slug", flat=True))
        self.shows = {}
        for show in Show.objects.all():
            self.shows.setdefault(headlines.normalise(show.title), show)
            self.shows.setdefault(headlines.normalise(show.slug), show)
        self.show_slugs = set(Show.objects.values_list("slug", flat=True))
        self.episodes = {(e.show_id, e.number): e for e in Episode.objects.all()}
        self.tags = {tag.name.casefold(): tag for tag in Tag.objects.all()}
        if hasattr(self, "recap_for_post"):
            alive = set(
                Recap.objects.filter(pk__in=self.recap_for_post.values()).values_list(
                    "pk", flat=True
                )
            )
            self.recap_for_post = {k: v for k, v in self.recap_for_post.items() if v in alive}
            self.category_shows = {
                k: v
                for k, v in self.category_shows.items()
                if Show.objects.filter(pk=v.pk).exists()
            }

    def remember(self, kind, wp_id, obj, fingerprint="", url=""):
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
        self.new_origins.append(
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
        if self.new_origins:
            WordPressOrigin.objects.bulk_create(self.new_origins)
            self.new_origins = []

    def flush_batch(self, saved):
        """The batch's rows that no later post reads back, a query each, not a query a post;
        then the search documents of the recaps it saved (`saved`)."""
        Still.objects.bulk_create([still for _, _, still in self.stills])
        for key, url, still in self.stills:
            self.remember(Kind.STILL, key, still, url=url)
        self.flush_origins()
        TaggedRecap.objects.bulk_create(self.tagged, ignore_conflicts=True)
        RecapTransition.objects.bulk_create(self.transitions)
        Recap.objects.bulk_update(self.edited, ["updated_at", "text_changed_at"])
        self.stills, self.tagged, self.transitions, self.edited = [], [], [], []
        try:
            with transaction.atomic():
                documents.refresh(Recap.objects.filter(pk__in=saved))
        except DatabaseError:
            # One document the database refuses (PostgreSQL's tsvector has a size limit) must
            # not cost the batch: the rest are indexed, that recap is listed.
            post_of = {pk: post for post, pk in self.recap_for_post.items()}
            for pk in saved:
                try:
                    with transaction.atomic():
                        documents.refresh(Recap.objects.filter(pk=pk))
                except DatabaseError as error:
                    self.report.add(
                        "post",
                        post_of.get(pk, ""),
                        "not in search",
                        f"its search document was refused: {error}"[:500],
                        attention=True,
                        admin_url=f"/admin/recaps/recap/{pk}/change/",
                    )

    # Authors ----------------------------------------------------------------------------------

    def prepare_users(self, scan):
        User = get_user_model()
        writers, _ = Group.objects.get_or_create(name=WRITERS)
        users = {}
        known = {
            wp_id: object_id
            for (kind, wp_id), (object_id, _) in self.origins.items()
            if kind == Kind.USER
        }
        existing = User.objects.in_bulk(list(known.values()))
        taken = set(User.objects.values_list("username", flat=True))
        for author in scan.authors:
            if not author.login:
                continue
            user = existing.get(known.get(author.login))
            if user:
                self.report.counts["users_existing"] += 1
            else:
                user = self.create_user(User, author, taken)
                writers.user_set.add(user)
                self.remember(Kind.USER, author.login, user)
            users[author.login] = user
        self.flush_origins()
        return users

    def create_user(self, User, author, taken):
        username = author.login[:150]
        if username in taken:
            username = f"wp-{author.login}"[:150]
            suffix = 2
            while username in taken:
                username = f"wp-{author.login}-{suffix}"[:150]
                suffix += 1
            self.report.add(
                "user",
                author.login,
                "renamed",
                f"the username {author.login!r} was taken here; imported as {username!r}",
                attention=True,
            )
        taken.add(username)
        first, last = author.first_name, author.last_name
        if not (first or last) and author.display_name:
            first, _, last = author.display_name.rpartition(" ")
            if not first:
                first, last = last, ""
        user = User(
            username=username,
            email=author.email[:254],
            first_name=first[:150],
            last_name=last[:150],
            is_staff=True,
        )
        user.set_unusable_password()
        user.save()
        self.report.counts["users_created"] += 1
        self.report.add("user", author.login, "created", f"{username} in {WRITERS}")
        return user

    def user_for(self, login):
        user = self.users.get(login)
        if user is None:
            user = self.create_user(
                get_user_model(),
                wxr.Author(login=login or "wordpress"),
                set(get_user_model().objects.values_list("username", flat=True)),
            )
            self.remember(Kind.USER, login or "wordpress", user)
            self.users[login] = user
        return user

    # Posts ------------------------------------------------------------------------------------

    def import_item(self, item):
        counts = self.report.counts
        counts["posts_seen"] += 1
        pending = (self.new_origins, self.stills, self.tagged, self.transitions, self.edited)
        marks = [len(rows) for rows in pending]
        try:
            with transaction.atomic():
                self.import_post(item)
        except Exception as error:  # noqa: BLE001 — one bad post never stops the run
            for rows, mark in zip(pending, marks, strict=True):
                del rows[mark:]
            self.load_caches()  # what the failed post added was rolled back
            counts["failed"] += 1
            self.report.add(
                item.type,
                item.id,
                "failed",
                f"{type(error).__name__}: {error}"[:500],
                attention=True,
                url=item.link,
                title=item.title,
            )

    def leave_out(self, item, reason):
        self.report.counts["posts_left_out"] += 1
        self.report.add(
            item.type,
            item.id,
            "left out",
            reason,
            attention=item.status not in LEFT_OUT_STATUSES,
            url=item.link,
            title=item.title,
            content=item.content,
        )

    def import_post(self, item):
        if item.status in LEFT_OUT_STATUSES or item.status not in STATUS_MAP:
            return self.leave_out(item, f"WordPress status “{item.status}” is not imported")
        if item.type != "post":
            return self.leave_out(item, "a page, not an episode recap (its text is in the CSV)")
        headline = headlines.parse(item.title)
        if headline is None:
            return self.leave_out(
                item, "not an episode recap: the headline names no show and episode"
            )
        fingerprint = hashlib.sha256(
            repr(
                (
                    item.title,
                    item.content,
                    item.excerpt,
                    item.status,
                    item.date_gmt,
                    item.name,
                    item.creator,
                    [(t.taxonomy, t.slug) for t in item.terms],
                    item.meta.get("_thumbnail_id"),
                )
            ).encode()
        ).hexdigest()
        known = self.origins.get((Kind.POST, str(item.id)))
        recap = None
        if known and known[1] == fingerprint:
            recap = Recap.objects.filter(pk=known[0]).only("pk", "slug").first()
        if recap is None:
            recap = self.save_recap(item, headline, known, fingerprint)
        else:
            self.report.counts["recaps_unchanged"] += 1
            self.recap_for_post[item.id] = recap.pk
        self.recap_slugs[recap.pk] = recap.slug
        self.import_comments(item, recap)
        self.redirect(item.link, recap.get_absolute_url())
        return recap

    def show_for(self, item, headline):
        name = headline.show
        category = None
        for term in item.terms:
            if term.taxonomy != "category":
                continue
            if headlines.normalise(term.name) == headlines.normalise(name) or (
                headlines.normalise(term.slug) == headlines.normalise(name)
            ):
                category, name = term, term.name
                break
        title = headlines.season_title(name, headline.season)
        show = self.shows.get(headlines.normalise(title))
        if show is None:
            slug = base = slugify(title)[:190] or f"show-{len(self.show_slugs) + 1}"
            suffix = 2
            while slug in self.show_slugs:
                slug = f"{base}-{suffix}"
                suffix += 1
            show = Show(title=title[:200], slug=slug, schedule_unknown=True)
            if headline.season and headline.season > 1:
                show.follows = self.shows.get(
                    headlines.normalise(headlines.season_title(name, headline.season - 1))
                )
            show.save()
            self.show_slugs.add(slug)
            self.shows[headlines.normalise(title)] = show
            self.report.counts["shows_created"] += 1
            self.report.add(
                "show",
                category.slug if category else title,
                "created",
                f"{SCHEDULE_UNKNOWN}: set its premiere, schedule and platforms",
                attention=True,
                title=title,
                admin_url=f"/admin/shows/show/{show.pk}/change/",
            )
        if category:
            self.category_shows[category.slug] = show
        return show, category

    def episodes_for(self, show, headline, item):
        number = headline.episode
        if number is None:  # "Finale" with no number
            numbers = [n for (show_id, n) in self.episodes if show_id == show.pk]
            number = show.planned_episode_count or (max(numbers) + 1 if numbers else 1)
            self.report.add(
                "post",
                item.id,
                "episode guessed",
                f"the headline says “Finale” without a number; filed as episode {number}",
                attention=True,
                url=item.link,
                title=item.title,
            )
        last = headline.last_episode or number
        episodes = []
        for n in range(number, min(last, number + 50) + 1):
            episode = self.episodes.get((show.pk, n))
            if episode is None:
                episode = Episode.objects.create(show=show, number=n)
                self.episodes[(show.pk, n)] = episode
                self.report.counts["episodes_created"] += 1
            episode.show = show
            episodes.append(episode)
        if len(episodes) > 1:
            self.report.add(
                "post",
                item.id,
                "several episodes",
                f"covers episodes {number}–{last}; filed under episode {number}",
                url=item.link,
                title=item.title,
            )
        return episodes[0]

    def slug_for(self, item, episode, recap):
        if recap.pk and recap.slug:
            return recap.slug
        base = slugify(unquote(item.name))[:190] or slugify(f"{episode} recap")[:190]
        base = base or f"post-{item.id}"
        slug, suffix = base, 2
        while slug in self.slugs:
            slug = f"{base}-{suffix}"
            suffix += 1
        if slug != base:
            self.report.add(
                "post",
                item.id,
                "slug changed",
                f"the slug “{base}” was taken; imported as “{slug}” (the old URL redirects)",
                url=item.link,
                title=item.title,
            )
        self.slugs.add(slug)
        return slug

    def save_recap(self, item, headline, known, fingerprint):
        counts = self.report.counts
        show, category = self.show_for(item, headline)
        episode = self.episodes_for(show, headline, item)
        converted = wordpress_embeds.convert(item.content)
        counts.update(converted.counts)
        article = content.split(converted.html)
        recap = (Recap.objects.filter(pk=known[0]).first() if known else None) or Recap()
        status = STATUS_MAP[item.status]
        published_at = parse_date(item.date_gmt) or parse_date(item.date)
        recap.episode = episode
        recap.subtitle = (headline.subtitle or f"Episode {episode.number}")[:200]
        recap.slug = self.slug_for(item, episode, recap)
        recap.author = self.user_for(item.creator)
        recap.intro, recap.body = article.intro, article.body
        recap.bonus_track, recap.review = article.bonus_track, article.review
        recap.meta_description = Truncator(content.plain_text(item.excerpt)).chars(300)
        recap.status = status
        recap.published_at = (
            (published_at or timezone.now()) if status == Recap.Status.PUBLISHED else None
        )
        created = recap.pk is None
        recap.save()
        # The save above moved `updated_at` to now; readers' dates are the post's last edit.
        recap.updated_at = updated_time(recap.published_at, item)
        recap.text_changed_at = (
            recap.updated_at
            if recap.published_at and recap.updated_at > recap.published_at
            else None
        )
        self.edited.append(recap)
        if created:
            counts["recaps_created"] += 1
            self.transitions.append(
                RecapTransition(
                    recap=recap,
                    to_state=recap.state,
                    publish_time=recap.published_at,
                    note=f"Imported from WordPress post {item.id} ({item.status})",
                )
            )
        else:
            counts["recaps_updated"] += 1
        self.recap_for_post[item.id] = recap.pk
        self.recap_slugs[recap.pk] = recap.slug
        self.remember(Kind.POST, item.id, recap, fingerprint, item.link)
        admin_url = f"/admin/recaps/recap/{recap.pk}/change/"
        self.report.add(
            "post",
            item.id,
            "created" if created else "updated",
            f"{recap.get_state_display()} recap of {episode}",
            url=item.link,
            title=item.title,
            admin_url=admin_url,
        )
        if article.had_facts:
            counts["facts_dropped"] += 1
            self.report.add(
                "post",
                item.id,
                "show facts dropped",
                "its pasted show-facts paragraph was dropped (Episodic writes it from data)",
                url=item.link,
                title=item.title,
                admin_url=admin_url,
            )
        self.set_tags(item, recap, category, created)
        self.import_stills(item, recap, episode, article, admin_url, created)
        if article.also_read:
            self.also_read.append((recap.pk, article.also_read))
        return recap

    def set_tags(self, item, recap, show_category, created):
        names = []
        for term in item.terms:
            if term.taxonomy not in ("category", "post_tag") or not term.name:
                continue
            if term.taxonomy == "category" and (
                term is show_category or term.slug in self.category_shows
            ):
                continue
            if term.name.casefold() == "uncategorized":
                continue
            names.append(term.name[:100])
        tags = []
        for name in dict.fromkeys(names):
            tag = self.tags.get(name.casefold())
            if tag is None:
                tag = Tag.objects.create(name=name)
                self.tags[name.casefold()] = tag
                self.report.counts["tags_created"] += 1
            tags.append(tag)
        if not created:
            TaggedRecap.objects.filter(content_object=recap).exclude(tag__in=tags).delete()
        self.tagged.extend(TaggedRecap(content_object=recap, tag=tag) for tag in tags)

    # Images -----------------------------------------------------------------------------------

    def import_stills(self, item, recap, episode, article, admin_url, created):
        figures = list(article.figures)
        thumbnail = int(item.meta.get("_thumbnail_id") or 0)
        hero_index = None
        if thumbnail:
            for index, figure in enumerate(figures):
                if figure.attachment_id == thumbnail:
                    hero_index = index
            if hero_index is None:
                attachment = self.scan_result.attachments.get(thumbnail)
                figures.insert(
                    0,
                    content.Figure(
                        src=attachment.attachment_url if attachment else "",
                        section="recap",
                        order=-1,
                        attachment_id=thumbnail,
                    ),
                )
                hero_index = 0
        stills = []
        has_hero = False
        for index, figure in enumerate(figures):
            key = f"{figure.attachment_id or hashlib.sha1(figure.src.encode()).hexdigest()[:16]}"
            key = f"{key}@{item.id}"
            if (Kind.STILL, key) in self.origins:
                has_hero = has_hero or index == hero_index
                continue
            attachment = self.scan_result.attachments.get(figure.attachment_id or 0)
            url = (attachment.attachment_url if attachment else "") or figure.src
            caption = figure.caption or (
                content.plain_text(attachment.excerpt) if attachment else ""
            )
            caption, credit = content.split_caption(caption)
            credit = figure.credit or credit
            alt = figure.alt or (
                attachment.meta.get("_wp_attachment_image_alt", "") if attachment else ""
            )
            data, problem = self.fetch_image(url)
            if data is None:
                self.report.counts["images_missing"] += 1
                self.report.add(
                    "image",
                    figure.attachment_id or key,
                    "missing",
                    problem,
                    attention=True,
                    url=url,
                    title=item.title,
                    admin_url=admin_url,
                )
                continue
            self.report.counts["images_found"] += 1
            has_hero = has_hero or index == hero_index
            provisional = not alt.strip()
            if provisional:
                alt = caption or f"Still from {episode}"
                self.report.counts["images_provisional_alt"] += 1
                self.report.add(
                    "image",
                    figure.attachment_id or key,
                    "provisional alt text",
                    f"no alt text in WordPress; provisional: “{alt}”",
                    attention=True,
                    url=url,
                    title=item.title,
                    admin_url=admin_url,
                )
            still = Still(
                recap=recap,
                alt_text=alt[:300],
                caption=caption[:300],
                credit=credit[:200],
                section=figure.section,
                order=index,
                is_hero=index == hero_index,
            )
            if self.dry_run:
                continue
            # Stored under a name of ours, by the format Pillow finds (core.stored_images).
            still.image.save(PurePosixPath(urlsplit(url).path).name, ContentFile(data), save=False)
            # After the save, which clears them: Django reads no size from an unnamed file.
            with Image.open(io.BytesIO(data)) as image:
                still.width, still.height = image.size
            stills.append((key, url, still))
        if not has_hero and recap.status == Recap.Status.PUBLISHED:
            self.report.add(
                "post",
                item.id,
                "no hero still",
                "live without a hero still: choose one before its next edit is published",
                attention=True,
                url=item.link,
                title=item.title,
                admin_url=admin_url,
            )
        if not stills:
            return
        if not created and any(still.is_hero for _, _, still in stills):
            Still.objects.filter(recap=recap, is_hero=True).update(is_hero=False)
        for _, _, still in stills:
            # bulk_create skips the save that makes renditions: make them now, not on a read.
            renditions.generate_all(still, "image")
        self.stills.extend(stills)

    def fetch_image(self, url):
        """The image's bytes, validated like an editor's upload, or (None, why not).

        The export names the file by a URL on the old site; only its path under
        wp-content/uploads counts, looked up in --uploads, then under --media-base-url."""
        if not url:
            return None, "no file is named for it"
        path = urlsplit(url).path
        if "/wp-content/uploads/" in path:
            relative = unquote(path.split("/wp-content/uploads/", 1)[1])
            candidates = [relative]
            if _SIZE_SUFFIX.search(relative):
                candidates.insert(0, _SIZE_SUFFIX.sub("", relative))  # the original, not a resize
        else:
            relative = None
            candidates = [PurePosixPath(path).name]
        if not all(candidates):
            return None, "no file is named for it"
        inside = [upload_path(candidate) for candidate in candidates]
        if None in inside:
            return None, f"refused: {url} names a file outside the uploads folder"
        data = None
        if self.uploads and relative:
            for candidate in inside:
                file = (self.uploads / candidate).resolve()
                if file.is_relative_to(self.uploads) and file.is_file():
                    if file.stat().st_size > self.max_fetch_bytes:
                        return None, f"{file.name} is larger than the upload limit"
                    data = file.read_bytes()
                    break
        problem = ""
        if data is None and self.media_base_url:
            for candidate in inside:
                # Appended to the base, never joined: a path that starts with // must not
                # name another host.
                data, problem = self._download(self.media_base_url + quote(str(candidate)))
                if data is not None or problem:
                    break
        if problem:
            return None, problem
        if data is None:
            where = (
                "--uploads or --media-base-url"
                if not (self.uploads or self.media_base_url)
                else "the given uploads"
            )
            return None, f"the file was not found in {where}"
        file = ContentFile(data, name=PurePosixPath(path).name)
        try:
            validate_image(file)
        except ValidationError as error:
            return None, " ".join(error.messages)
        return data, ""

    def _download(self, url):
        """(bytes, "") — or (None, "") when the old site has no such file, (None, why) when
        it has one we refuse or cannot fetch. The operator typed --media-base-url, so its host
        may be on a private network; nothing else is fetched, redirects included."""
        try:
            fetched = fetch(
                url,
                max_bytes=self.max_fetch_bytes,
                origins=[self.media_base_url],
                trusted_origins=[self.media_base_url],
                accept="image/*",
            )
        except BadStatus as error:
            return None, "" if error.status in (404, 410) else str(error)
        except TooLarge:
            return None, f"{url} is larger than the upload limit"
        except Refused as error:
            return None, f"refused: {error}"
        except FetchError as error:
            return None, str(error)
        return fetched.body, ""

    # Comments ---------------------------------------------------------------------------------

    def import_comments(self, item, recap):
        counts = self.report.counts
        kept = {}
        for comment in item.comments:
            if comment.type in ("pingback", "trackback"):
                counts["comments_left_out"] += 1
                counts[f"comments_{comment.type}"] += 1
                continue
            if comment.approved not in ("1", "0"):
                counts["comments_left_out"] += 1
                counts["comments_spam" if comment.approved == "spam" else "comments_trash"] += 1
                continue
            kept[comment.id] = comment
        if not kept:
            return
        status_of = {
            cid: Moderation.Status.APPROVED if c.approved == "1" else Moderation.Status.HELD
            for cid, c in kept.items()
        }
        known = {cid for cid in kept if (Kind.COMMENT, str(cid)) in self.origins}
        changed = [
            cid for cid in known if self.origins[(Kind.COMMENT, str(cid))][1] != status_of[cid]
        ]
        counts["comments_unchanged"] += len(known) - len(changed)
        for cid in changed:
            pk = self.origins[(Kind.COMMENT, str(cid))][0]
            status = status_of[cid]
            XtdComment.norel_objects.filter(pk=pk).update(**Moderation.FLAGS[status])
            Moderation.objects.update_or_create(comment_id=pk, defaults={"status": status})
            self.remember(Kind.COMMENT, cid, XtdComment(pk=pk), status)
            counts[
                "comments_public" if status == Moderation.Status.APPROVED else "comments_held"
            ] += 1
        new = [cid for cid in kept if cid not in known]
        if not new:
            return
        if known:
            self._save_comments_one_by_one(kept, new, recap, status_of)
        else:
            self._bulk_create_threads(kept, recap, status_of)

    def _comment(self, comment, recap, status):
        try:
            ip = str(ipaddress.ip_address(comment.ip)) if comment.ip else None
        except ValueError:
            ip = None
        url = comment.url if comment.url.startswith(("http://", "https://")) else ""
        return XtdComment(
            content_type=self.ct[Recap],
            object_pk=str(recap.pk),
            site_id=self.site.pk,
            user_name=comment.author[:50],
            user_email=comment.email[:254],
            user_url=url[:200],
            comment=content.plain_text(comment.content) or "(empty)",
            submit_date=parse_date(comment.date_gmt) or timezone.now(),
            ip_address=ip,
            **Moderation.FLAGS[status],
        )

    def _bulk_create_threads(self, kept, recap, status_of):
        """Every comment of the post at once, with xtd's thread fields computed here: a fixed
        number of queries (one insert per thread level) however many comments there are."""
        children = defaultdict(list)
        roots = []
        for cid, comment in sorted(kept.items(), key=lambda pair: (pair[1].date_gmt, pair[0])):
            if comment.parent in kept and comment.parent != cid:
                children[comment.parent].append(cid)
            else:
                roots.append(cid)
        objects, by_level = {}, defaultdict(list)
        parent_of, root_of = {}, {}
        for root in roots:
            order = 0
            stack = [(root, 0, None)]
            seen = set()
            while stack:
                cid, depth, parent = stack.pop()
                if cid in seen:
                    continue
                seen.add(cid)
                order += 1
                level = min(depth, self.max_level)
                if depth > self.max_level:
                    parent = parent_of[parent]  # deeper than threads go: a sibling instead
                obj = self._comment(kept[cid], recap, status_of[cid])
                obj.level, obj.order = level, order
                objects[cid] = obj
                parent_of[cid], root_of[cid] = parent if parent is not None else cid, root
                by_level[level].append(cid)
                for child in reversed(children.get(cid, [])):
                    stack.append((child, depth + 1, cid))
        for cid in objects:
            node = cid
            while parent_of[node] != node:
                node = parent_of[node]
                objects[node].nested_count += 1
        # XtdComment extends django-comments' Comment (multi-table), which bulk_create refuses:
        # the Comment rows go in one bulk insert, xtd's thread rows in one executemany.
        bases = BaseComment.objects.bulk_create(
            [
                BaseComment(**{f.attname: getattr(obj, f.attname) for f in BASE_FIELDS})
                for obj in objects.values()
            ]
        )
        for obj, base in zip(objects.values(), bases, strict=True):
            obj.pk = obj.id = obj.comment_ptr_id = base.pk
        for cid, obj in objects.items():
            obj.parent_id = objects[parent_of[cid]].pk
            obj.thread_id = objects[root_of[cid]].pk
        table = connection.ops.quote_name(XtdComment._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(name) for name in XTD_COLUMNS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(XTD_COLUMNS))})",
                [
                    (
                        obj.pk,
                        obj.thread_id,
                        obj.parent_id,
                        obj.level,
                        obj.order,
                        False,
                        obj.nested_count,
                    )
                    for obj in objects.values()
                ],
            )
        self._finish_comments(objects, status_of)

    def _save_comments_one_by_one(self, kept, new, recap, status_of):
        """New replies in a newer export of an already imported post: xtd places each."""
        objects = {}
        for cid in sorted(new, key=lambda c: (kept[c].date_gmt, c)):
            obj = self._comment(kept[cid], recap, status_of[cid])
            parent = kept[cid].parent
            parent_key = (Kind.COMMENT, str(parent))
            if parent in objects:
                obj.parent_id = objects[parent].pk
            elif parent_key in self.origins:
                obj.parent_id = self.origins[parent_key][0]
            if obj.parent_id:
                level = (
                    XtdComment.norel_objects.filter(pk=obj.parent_id)
                    .values_list("level", flat=True)
                    .first()
                )
                if level is not None and level >= self.max_level:
                    obj.parent_id = XtdComment.norel_objects.get(pk=obj.parent_id).parent_id
            obj.save()
            objects[cid] = obj
        self._finish_comments(objects, status_of)

    def _finish_comments(self, objects, status_of):
        counts = self.report.counts
        Moderation.objects.bulk_create(
            [
                Moderation(
                    comment=obj,
                    status=status_of[cid],
                    reasons="imported from WordPress",
                    decided_at=obj.submit_date
                    if status_of[cid] == Moderation.Status.APPROVED
                    else None,
                )
                for cid, obj in objects.items()
            ],
            ignore_conflicts=True,
        )
        for cid, obj in objects.items():
            held = status_of[cid] == Moderation.Status.HELD
            counts["comments_held" if held else "comments_public"] += 1
            self.remember(Kind.COMMENT, cid, obj, status_of[cid])

    # Links that need every post ---------------------------------------------------------------

    def link_also_read(self):
        paths = self.scan_result.post_paths
        through = Recap.also_read.through
        rows = []
        for recap_pk, hrefs in self.also_read:
            for href in hrefs:
                parts = urlsplit(href)
                query = parse_qs(parts.query)
                key = f"/?p={query['p'][0]}" if "p" in query else old_path(href.split("#")[0])
                post_id = paths.get(key)
                if post_id is None:
                    continue
                target = (
                    self.recap_for_post.get(post_id)
                    or (self.origins.get((Kind.POST, str(post_id))) or [None])[0]
                )
                if target and target != recap_pk:
                    rows.append(through(from_recap_id=recap_pk, to_recap_id=target))
        through.objects.bulk_create(rows, ignore_conflicts=True)
        self.report.counts["also_read"] += len(rows)

    def redirect(self, link, new):
        path = old_path(link)
        if not link or "?" in path or path == "/":
            return  # query forms (/?p=ID) are answered by importer.middleware
        if new != path:
            self.redirects[path] = new

    def redirect_terms(self, scan):
        """Category and tag archives → the show's hub or the tag page; attachment pages → the
        recap that shows the image."""
        prefix = urlsplit(self.site_url).path.rstrip("/")
        for (taxonomy, slug), term in scan.terms.items():
            if taxonomy not in ("category", "post_tag"):
                continue
            show = self.category_shows.get(slug) if taxonomy == "category" else None
            target = show or self.tags.get(term.name.casefold())
            if target is None:
                continue
            base = "category" if taxonomy == "category" else "tag"
            old = escape_uri_path(f"{prefix}/{base}/{unquote(slug)}/")
            new = target.get_absolute_url() if show else tag_url(target)
            self.redirects[old] = new
            if term.term_id:
                self.remember(Kind.TERM, f"{taxonomy}:{term.term_id}", target)
        for attachment in scan.attachments.values():
            recap_pk = (
                self.recap_for_post.get(attachment.parent)
                or (self.origins.get((Kind.POST, str(attachment.parent))) or [None])[0]
            )
            if recap_pk in self.recap_slugs and attachment.link:
                slug = self.recap_slugs[recap_pk]
                self.redirect(attachment.link, reverse("recaps:detail", kwargs={"slug": slug}))
        self.flush_origins()

    def write_redirects(self):
        self.report.counts["redirects"] = len(self.redirects)
        rows = [
            Redirect(site=self.site, old_path=old[:200], new_path=new[:200])
            for old, new in self.redirects.items()
            if len(old) <= 200
        ]
        for old in self.redirects:
            if len(old) > 200:
                self.report.add(
                    "redirect",
                    old[:60],
                    "left out",
                    "old path longer than 200 characters",
                    attention=True,
                    url=old,
                )
        Redirect.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["site", "old_path"],
            update_fields=["new_path"],
        )


def save_run(importer, report, csv_path):
    """The run as an `ImportRun` row for the admin."""
    return ImportRun.objects.create(
        source=str(importer.path),
        site_url=report.site_url,
        status=ImportRun.Status.FINISHED,
        finished_at=timezone.now(),
        counts=dict(report.counts),
        attention=[
            {
                "kind": row.kind,
                "wp_id": row.wp_id,
                "title": row.title,
                "url": row.url,
                "outcome": row.outcome,
                "reason": row.reason,
                "admin_url": row.admin_url,
            }
            for row in report.attention
        ],
        report_csv=str(csv_path) if csv_path else "",
    )
