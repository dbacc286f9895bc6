"""The episode-drop night, with faults: locust drives readers, commenters and an editor against
PostgreSQL + Redis + gunicorn behind the shipped nginx configuration, and in the middle of each
run one server goes away — Redis is killed, or PostgreSQL is stopped — and comes back.

Every server is the bench's own, on free 127.0.0.1 ports, in a temporary directory (the
classes of tests/servers.py and tests/postgres_cluster.py): the shared PostgreSQL and Redis are
never touched. The demo content is loaded once into a database that each run copies, so every
run starts alike (bench/load_setup.py); each run (bench/load_run.py) injects its fault
(bench/faults.py) in the middle. Prints, per run, a Markdown table (bench/load_report.py) and
writes every figure to bench-data/load-<time>.json, with the servers' logs and every request in
bench-data/load-<time>/."""

import json
import os
import secrets
import signal
import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.app_process import git_commit, production_environment
from bench.faults import FAULTS
from bench.load_run import LoadNight
from bench.load_setup import check_tools, prepare

OWN_OPTIONS = {
    "duration", "outage", "readers", "commenting", "faults", "workers", "edit_every", "wait",
    "spawn_rate", "visible_within",
}  # fmt: skip


class Command(BaseCommand):
    help = (
        "Load test with faults: readers, commenters and an editor on PostgreSQL + Redis + "
        "gunicorn behind deploy/nginx.conf, with Redis killed, then PostgreSQL restarted, "
        "mid-run. Prints req/s, p50/p99, 5xx by phase, publish-to-visible, comment checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=180, help="seconds per run (180)")
        parser.add_argument("--outage", type=int, default=20, help="seconds of outage (20)")
        parser.add_argument("--readers", type=int, default=200, help="simulated readers (200)")
        parser.add_argument(
            "--commenting", type=float, default=0.05, help="share of readers commenting (0.05)"
        )
        parser.add_argument(
            "--faults", default="redis,postgres", help="runs, in order: redis,postgres"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
        parser.add_argument(
            "--edit-every", type=int, default=30, help="seconds between publishes (30)"
        )
        parser.add_argument(
            "--wait", default="1,3", help="seconds a reader waits between pages: min,max (1,3)"
        )
        parser.add_argument(
            "--spawn-rate", type=float, default=20, help="readers started a second (20)"
        )
        parser.add_argument(
            "--visible-within",
            type=float,
            default=20,
            help="seconds the editor polls for a save to show (20)",
        )

    def handle(self, *args, **options):
        self.options = options
        faults = [f for f in options["faults"].split(",") if f]
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise CommandError(f"unknown fault: {', '.join(sorted(unknown))}")
        if options["outage"] >= options["duration"]:
            raise CommandError("--outage must be shorter than --duration")
        check_tools()
        signal.signal(signal.SIGTERM, self.interrupt)
        base_dir = Path(settings.BASE_DIR)
        self.commit = git_commit(base_dir)
        started = datetime.now(UTC)
        # The servers' logs of each run are kept beside the figures.
        self.logs = base_dir / "bench-data" / f"load-{started:%Y%m%dT%H%M%SZ}"
        self.logs.mkdir(parents=True, exist_ok=True)
        runs = []
        # The cluster the fault tests start (tests/postgres_cluster.py); imported here, not at
        # the top, as it needs pytest, a development dependency like locust.
        from tests.postgres_cluster import PostgresCluster

        with (
            tempfile.TemporaryDirectory(prefix="episodic-bench-load-") as scratch,
            ExitStack() as stack,
        ):
            self.scratch = Path(scratch)
            os.chmod(self.scratch, 0o755)
            self.secret_key = secrets.token_urlsafe(50)
            cluster = PostgresCluster()
            stack.callback(cluster.close)
            cluster.start()
            plan, seconds = prepare(cluster, self.environment, self.scratch)
            recaps = sum(len(show["recaps"]) for show in plan["shows"])
            self.stdout.write(
                f"Episodic {self.commit}: demo content ({len(plan['shows'])} shows, {recaps} "
                f"recaps) on a PostgreSQL cluster of the bench's own, port {cluster.port}, "
                f"in {seconds:.0f} s"
            )
            night = LoadNight(
                options,
                cluster,
                self.scratch,
                self.logs,
                self.environment,
                self.commit,
                self.stdout.write,
            )
            try:
                for number, fault in enumerate(faults, 1):
                    runs.append(night.run(number, fault, plan))
            except KeyboardInterrupt:
                self.stderr.write("Interrupted: servers stopped; the runs so far follow.")
        if not runs:
            return
        out = self.logs.with_suffix(".json")
        options_kept = {k: v for k, v in options.items() if k in OWN_OPTIONS}
        out.write_text(
            json.dumps(
                {
                    "commit": self.commit,
                    "started": started.isoformat(),
                    "options": options_kept,
                    "cpus": os.cpu_count(),
                    "runs": runs,
                },
                indent=1,
                default=str,
            )
        )
        self.stdout.write("\n" + "\n\n".join(run["table"] for run in runs))
        self.stdout.write(f"\nEvery figure: {out.relative_to(base_dir)}")

    @staticmethod
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    def environment(self, database_url, **extra):
        return production_environment(database_url, self.secret_key, self.scratch, **extra)
