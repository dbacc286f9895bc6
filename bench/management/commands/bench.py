"""Measures the reader pages under load with wrk, in one run and on the same data: without a page
cache, with the built-in page cache (local memory, Redis), behind the shipped nginx front cache
(deploy/nginx.conf) and, as the ceiling, nginx serving the same bytes as static files.

Datasets of each size are built once into bench-data/ (or PostgreSQL databases beside the one
--database-url names) and reused while their migrations are current. gunicorn and nginx run in
the foreground as children on 127.0.0.1 ports of the bench's own and are always stopped at the
end. Rounds alternate between datasets and modes (every other round in reverse order); the table
shows the median of the rounds, and bench-data/results-<timestamp>.json keeps every figure."""

import json
import os
import secrets
import signal
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import beacon
from bench.app_process import git_commit, manage, production_environment
from bench.datasets import Datasets
from bench.measuring import Measuring
from bench.modes import MODES, ModeServers
from bench.wrk import WRK
from bench.wrk_report import report, summarise
from deploy import nginx

PAGES = ("recap", "hub", "home", "tag", "search", "search-common", "api", *beacon.PAGES)
DEFAULT_PAGES = "recap,hub,home,tag,search"


class Command(BaseCommand):
    help = (
        "Benchmark the reader pages with wrk: uncached, with the page cache (locmem, Redis), "
        "behind deploy/nginx.conf and as static files; prints req/s, p50/p99 and the ratios."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
        parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
        parser.add_argument("--duration", type=int, default=5, help="seconds per measurement (5)")
        parser.add_argument(
            "--warmup", type=int, default=2, help="seconds of wrk warm-up before each (2)"
        )
        parser.add_argument("--rounds", type=int, default=3, help="rounds; the median is shown (3)")
        parser.add_argument(
            "--sizes", default="2000,20000", help="dataset sizes in recaps (2000,20000)"
        )
        parser.add_argument("--modes", default=",".join(MODES), help=",".join(MODES))
        parser.add_argument("--pages", default=DEFAULT_PAGES, help=",".join(PAGES))
        parser.add_argument(
            "--database-url",
            default="",
            help="a PostgreSQL database to start from: each size gets a database <name>_<size> "
            "beside it (default: SQLite files in bench-data/)",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="build the datasets again, even if current"
        )

    def handle(self, *args, **options):
        self.options = options
        self.base_dir = Path(settings.BASE_DIR)
        self.workdir = self.base_dir / "bench-data"
        self.workdir.mkdir(exist_ok=True)
        sizes = [int(size) for size in options["sizes"].split(",")]
        modes = self.choose(options["modes"], MODES, "mode")
        pages = self.choose(options["pages"], PAGES, "page")
        for tool in [WRK] + ([str(nginx.NGINX)] if {"nginx", "static"} & set(modes) else []):
            if not Path(tool).exists():
                raise CommandError(f"{tool} is missing: `make bench` installs wrk and nginx-light")
        # A SIGTERM stops the run like Ctrl-C does, so the servers are stopped either way.
        signal.signal(signal.SIGTERM, self.interrupt)

        self.commit = git_commit(self.base_dir)
        self.secret_key = secrets.token_urlsafe(50)
        self.stdout.write(
            f"Episodic {self.commit}: wrk -c{options['connections']} -t{options['threads']} "
            f"-d{options['duration']}s, gunicorn {options['workers']} sync workers, "
            f"{options['rounds']} round(s), sizes {sizes}, modes {modes}"
        )
        built = Datasets(
            self.workdir,
            options["database_url"],
            options["rebuild"],
            self.environment,
            self.stdout.write,
        )
        manage(self.environment(built.url(sizes[0])), "collectstatic", "--noinput")
        datasets = {size: built.ready(size) for size in sizes}
        paths = {size: built.page_paths(datasets[size], pages) for size in sizes}

        started = datetime.now(UTC)
        results = []
        try:
            with tempfile.TemporaryDirectory(prefix="episodic-bench-") as scratch:
                servers = ModeServers(
                    options["workers"],
                    self.environment,
                    self.workdir,
                    Path(scratch),
                    self.stdout.write,
                )
                measuring = Measuring(
                    options, servers, built.recap_pks, Path(scratch), self.stdout.write
                )
                for round_number in range(options["rounds"]):
                    order = [(size, mode) for size in sizes for mode in modes]
                    if round_number % 2:
                        order.reverse()
                    for size, mode in order:
                        results += measuring.mode(
                            round_number, size, mode, datasets[size], paths[size]
                        )
        except KeyboardInterrupt:
            self.stderr.write("Interrupted: servers stopped; the rounds so far follow.")
        if not results:
            return
        summary = summarise(results, sizes, modes, pages)
        for line in report(
            summary,
            sizes,
            modes,
            pages,
            commit=self.commit,
            connections=options["connections"],
            workers=options["workers"],
            results=results,
        ):
            self.stdout.write(line)
        out = self.workdir / f"results-{started:%Y%m%dT%H%M%SZ}.json"
        out.write_text(
            json.dumps(
                {
                    "commit": self.commit,
                    "started": started.isoformat(),
                    "options": {k: v for k, v in options.items() if k in self.own_options()},
                    "cpus": os.cpu_count(),
                    "load_average": os.getloadavg(),
                    "paths": paths,
                    "runs": results,
                    **summary,
                },
                indent=1,
            )
        )
        self.stdout.write(f"Every figure: {out.relative_to(self.base_dir)}")

    @staticmethod
    def own_options():
        return {
            "workers", "connections", "threads", "duration", "warmup", "rounds", "sizes",
            "modes", "pages", "database_url", "rebuild",
        }  # fmt: skip

    @staticmethod
    def choose(value, known, what):
        chosen = [item for item in value.split(",") if item]
        unknown = set(chosen) - set(known)
        if unknown:
            raise CommandError(f"unknown {what}: {', '.join(sorted(unknown))}")
        return chosen

    @staticmethod
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    def environment(self, database_url, **extra):
        return production_environment(database_url, self.secret_key, self.workdir, **extra)
