"""The WordPress import: two passes over the export, then the links that need every post.

Pass 1 (`scan`) reads the whole file before anything is written. Pass 2 imports the posts one
at a time (`posts`), each with its stills and comments in a savepoint of its own, so one bad
post is reported and rolled back, pending rows included (`state.Pending`), and the rest goes
on. The queries per post are a fixed number: everything a post looks up is loaded once into
memory (`state.ImportState`). Then Also Read picks and redirects (`links`)."""

from contextlib import nullcontext
from itertools import batched
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from pagecache import tags as cache_tags
from pagecache.purge import invalidate
from recaps.models import Recap
from search import documents

from . import links, posts, wxr
from .authors import import_authors
from .report import Report, admin_url
from .scan import scan
from .state import ImportState
from .stills import ImageFiles

POSTS_PER_COMMIT = 100


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
        self.image_files = ImageFiles.of(
            uploads, media_base_url, max_fetch_bytes or settings.MAX_IMAGE_UPLOAD_BYTES
        )
        self.dry_run = dry_run
        self.progress = progress
        self.report = Report()

    def run(self):
        """Import the export; raises wxr.ExportError (nothing written) if it is unreadable."""
        found = scan(self.path)
        self.report.site_url = found.site_url
        outer = transaction.atomic() if self.dry_run else nullcontext()
        with outer:
            state = ImportState(
                found, self.report, dry_run=self.dry_run, image_files=self.image_files
            )
            import_authors(state)
            bar = self._progress_bar(found.post_count)
            items = (
                item
                for item in wxr.read(self.path)
                if isinstance(item, wxr.Item) and item.type in ("post", "page")
            )
            # Each post is a savepoint of its own (a failure rolls back that post alone); the
            # batch around them saves a disk sync per post (on SQLite, most of the time), and
            # writes together what no later post reads back (`ImportState.flush_batch`).
            for batch in batched(items, POSTS_PER_COMMIT):
                with transaction.atomic(), documents.deferred_refresh() as saved:
                    for item in batch:
                        self.import_item(state, item)
                        bar.update(1)
                    state.flush_batch()
                    self.index(state, saved)
            bar.close()
            links.link_also_read(state)
            links.redirect_terms(state)
            links.write_redirects(state)
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

    def import_item(self, state, item):
        """One post in a savepoint: if it fails, nothing of it is written, pending rows included."""
        counts = self.report.counts
        counts["posts_seen"] += 1
        mark = state.mark()
        try:
            with transaction.atomic():
                posts.import_post(state, item)
        except Exception as error:  # noqa: BLE001 — one bad post never stops the run
            state.roll_back(mark)
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

    def index(self, state, saved):
        """The search documents of the recaps the batch saved (`saved`)."""
        try:
            with transaction.atomic():
                documents.refresh(Recap.objects.filter(pk__in=saved))
        except DatabaseError:
            # One document the database refuses (PostgreSQL's tsvector has a size limit) must
            # not cost the batch: the rest are indexed, that recap is listed.
            post_of = {pk: post for post, pk in state.recap_for_post.items()}
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
                        admin_url=admin_url(Recap, pk),
                    )
