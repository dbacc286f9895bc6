import resource
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from importer.report import save_run
from importer.run import WordPressImport
from importer.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2: Tools → Export → All content): recaps, stills, "
        "authors, tags and comments, with 301s from the old URLs. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WordPress export (.xml)")
        parser.add_argument("--uploads", help="a copy of the site's wp-content/uploads folder")
        parser.add_argument(
            "--media-base-url",
            help="where to fetch images missing from --uploads, e.g. "
            "https://old.example.com/wp-content/uploads/ (trusted as typed: it may be on a "
            "private network; nothing on another host is fetched)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and map everything, write nothing"
        )

    def handle(self, *args, export, uploads, media_base_url, dry_run, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"No such export file: {path}")
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"--uploads is not a folder: {uploads}")
        if media_base_url and not is_http_address(media_base_url):
            raise CommandError(
                f"--media-base-url is not an http or https address: {media_base_url}"
            )
        importer = WordPressImport(
            path,
            uploads=uploads,
            media_base_url=media_base_url,
            dry_run=dry_run,
            progress=options["verbosity"] >= 1,
        )
        started = time.monotonic()
        try:
            report = importer.run()
        except ExportError as error:
            raise CommandError(f"{error}\nNothing was imported.") from error
        report.counts["seconds"] = round(time.monotonic() - started, 1)
        # ru_maxrss is in kilobytes on Linux.
        report.counts["peak_memory_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            self.stdout.write(report.summary())
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        csv_path = path.with_name(f"{path.stem}.import-{stamp}.csv")
        try:
            report.write_csv(csv_path)
        except OSError as error:
            self.stderr.write(f"The CSV report could not be written beside the export: {error}")
            csv_path = None
        run = save_run(importer.path, report, csv_path)
        self.stdout.write(report.summary())
        if csv_path:
            self.stdout.write(f"Report: {csv_path}")
        self.stdout.write(f"In the admin: {run.get_absolute_url()}")


def is_http_address(url):
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError for a port that is not one
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
