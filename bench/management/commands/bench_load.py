"""The episode-drop night, with faults: locust drives readers, commenters and an editor against
PostgreSQL + Redis + gunicorn behind the shipped nginx configuration, and in the middle of each
run one server goes away — Redis is killed, or PostgreSQL is stopped — and comes back.

Every server is the bench's own, on free 127.0.0.1 ports, in a temporary directory (the
classes of tests/servers.py): the shared PostgreSQL and Redis are never touched. The demo
content is loaded once into a database that each run copies, so every run starts alike.
Prints, per run, a Markdown table (bench/load_report.py) and writes every figure to
bench-data/load-<time>.json, with the servers' logs and every request in bench-data/load-<time>/."""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import load_report
from bench.management.commands.bench import fetch, git_commit, production_environment
from deploy import nginx

LOCUST = Path(sys.executable).with_name("locust")
LOCUSTFILE = Path(__file__).resolve().parents[2] / "locustfile.py"
TOOLS = {
    "/usr/sbin/nginx": "nginx-light",
    "/usr/bin/redis-server": "redis-server",
    "/usr/lib/postgresql/*/bin/pg_ctl": "postgresql",
}
FAULTS = {
    "redis": "Redis killed (SIGKILL) for {outage} s, then started again, empty",
    "postgres": "PostgreSQL stopped (pg_ctl stop -m fast) for {outage} s, then started again",
}
# What the readers, commenters and editor need to know of the loaded demo content.
PLAN_CODE = """
import json, re, secrets
from django.contrib.auth import get_user_model
from discussion.models import CommentSettings
from recaps.models import Recap
from shows.models import Episode, Show

shows = []
for show in Show.objects.order_by("slug"):
    slugs = list(
        Recap.objects.published().filter(episode__show=show)
        .order_by("episode__number", "published_at").values_list("slug", flat=True)
    )
    if slugs:
        shows.append({"slug": show.slug, "recaps": slugs})
busiest = max(shows, key=lambda s: len(s["recaps"]))
# The episodes the editor writes about tonight: a recap per episode, each one new.
last = Episode.objects.filter(show__slug=busiest["slug"]).order_by("-number").first()
episodes = [
    Episode.objects.create(show=last.show, number=last.number + k).pk for k in range(1, 61)
]
words = sorted({
    w.lower() for subtitle in Recap.objects.published().values_list("subtitle", flat=True)
    for w in re.findall(r"[A-Za-z]{5,}", subtitle)
})[:25]
password = secrets.token_urlsafe(16)
user = get_user_model().objects.create_superuser("bench-editor", "bench@example.com", password)
# Every simulated reader comes from 127.0.0.1: a per-address limit would refuse them all.
comment_settings = CommentSettings.load()
comment_settings.rate_per_minute = 0
comment_settings.save()
print(json.dumps({
    "shows": shows, "search_words": words or ["episode"],
    "editor": {"username": user.username, "password": password, "user_id": user.pk,
               "episodes": episodes, "show": busiest["slug"]},
}))
"""
OWN_OPTIONS = {
    "duration", "outage", "readers", "commenting", "faults", "workers", "edit_every", "wait",
    "spawn_rate", "visible_within",
}  # fmt: skip
TOKEN = re.compile(r"Ref (bl[0-9a-f]{12})\.")


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
        self.check_tools()
        signal.signal(signal.SIGTERM, self.interrupt)
        base_dir = Path(settings.BASE_DIR)
        self.commit = git_commit(base_dir)
        started = datetime.now(UTC)
        # The servers' logs of each run are kept beside the figures.
        self.logs = base_dir / "bench-data" / f"load-{started:%Y%m%dT%H%M%SZ}"
        self.logs.mkdir(parents=True, exist_ok=True)
        runs = []
        # The servers the fault tests start (tests/servers.py); imported here, not at the top,
        # as they need pytest, a development dependency like locust.
        from tests.servers import PostgresCluster

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
            self.cluster = cluster
            plan = self.prepare()
            try:
                for number, fault in enumerate(faults, 1):
                    runs.append(self.run(number, fault, plan))
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

    def check_tools(self):
        from glob import glob

        missing = [package for pattern, package in TOOLS.items() if not glob(pattern)]
        if missing:
            raise CommandError(
                f"missing: {', '.join(missing)} (`make bench-load` installs them with apt-get)"
            )
        if not LOCUST.exists():
            raise CommandError(f"{LOCUST} is missing: `make install` installs the dev group")

    # -- setting up ---------------------------------------------------------------------------

    def environment(self, database_url, **extra):
        return production_environment(database_url, self.secret_key, self.scratch, **extra)

    def manage(self, env, *args):
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode:
            raise CommandError(f"manage.py {args[0]} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def prepare(self):
        """The demo content in database `episodic_load` of the bench's cluster; the plan."""
        began = time.monotonic()
        url = self.cluster.create_database("episodic_load")
        env = self.environment(url)
        self.manage(env, "migrate", "--noinput", "-v0")
        self.manage(env, "collectstatic", "--noinput", "-v0")
        # The demo commands write the demo accounts only in development.
        for command in ("load_demo", "load_demo_comments", "load_demo_ratings"):
            self.manage({**env, "DJANGO_DEBUG": "1"}, command)
        self.manage(env, "refresh_search")
        plan = json.loads(self.manage(env, "shell", "--no-imports", "-c", PLAN_CODE))
        # The editor's hero still: a photograph-sized JPEG, uploaded with every new recap.
        from PIL import Image

        plan["still"] = str(self.scratch / "still.jpg")
        Image.new("RGB", (1600, 900), (40, 60, 120)).save(plan["still"], quality=85)
        recaps = sum(len(show["recaps"]) for show in plan["shows"])
        self.stdout.write(
            f"Episodic {self.commit}: demo content ({len(plan['shows'])} shows, {recaps} "
            f"recaps) on a PostgreSQL cluster of the bench's own, port {self.cluster.port}, "
            f"in {time.monotonic() - began:.0f} s"
        )
        return plan

    # -- one run ------------------------------------------------------------------------------

    def run(self, number, fault, plan):
        from tests.servers import Gunicorn, RedisServer, query
        from tests.shipped_nginx import shipped

        o = self.options
        directory = self.scratch / f"run-{number}-{fault}"
        directory.mkdir()
        # Each run starts from the same content: a copy of the prepared database.
        url = self.cluster.create_database(f"run_{number}_{fault}", template="episodic_load")
        # At least one commenter in a small run, unless commenting is off.
        commenters = max(round(o["readers"] * o["commenting"]), 1 if o["commenting"] > 0 else 0)
        with ExitStack() as stack:
            redis = RedisServer(directory)
            stack.callback(redis.stop)
            redis.start()
            env = self.environment(url, REDIS_URL=redis.url)
            access_log = directory / "access.log"
            gunicorn = Gunicorn(
                directory,
                env,
                workers=o["workers"],
                options=[
                    "--access-logfile",
                    str(access_log),
                    "--access-logformat",
                    load_report.GUNICORN_FORMAT,
                ],
            )
            stack.callback(gunicorn.stop)
            gunicorn.start()
            # deploy/nginx.conf as shipped, in front (as the tests run it).
            host = stack.enter_context(
                shipped(directory / "nginx", gunicorn.port, self.scratch / "media")
            )

            self.warm(gunicorn.url, plan)
            records_path = directory / "records.jsonl"
            plan_path = directory / "plan.json"
            plan_path.write_text(
                json.dumps(
                    {
                        **plan,
                        "records": str(records_path),
                        "origin": gunicorn.url,
                        "commenters": commenters,
                        "wait": [float(x) for x in o["wait"].split(",")],
                        "edit_every": o["edit_every"],
                        "visible_within": o["visible_within"],
                    }
                )
            )
            self.stdout.write(
                f"\nRun {number}: {FAULTS[fault].format(outage=o['outage'])}, in the middle of "
                f"{o['duration']} s; {o['readers']} readers ({commenters} commenting), 1 editor, "
                f"gunicorn {o['workers']} workers behind deploy/nginx.conf at {host}"
            )
            window = {}
            locust_log = directory / "locust.log"
            with locust_log.open("wb") as log:
                began = time.time()
                locust = subprocess.Popen(
                    [
                        str(LOCUST),
                        "-f",
                        str(LOCUSTFILE),
                        "--headless",
                        "--host",
                        host,
                        "--users",
                        str(o["readers"] + 1),
                        "--spawn-rate",
                        str(o["spawn_rate"]),
                        "--run-time",
                        f"{o['duration']}s",
                        "--stop-timeout",
                        "5",
                        "--only-summary",
                        "--loglevel",
                        "WARNING",
                    ],
                    cwd=settings.BASE_DIR,
                    env={
                        **os.environ,
                        "BENCH_LOAD_PLAN": str(plan_path),
                        "PYTHONPATH": str(settings.BASE_DIR),
                    },
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                stack.callback(nginx.stop_process, locust)
                at = began + (o["duration"] - o["outage"]) / 2
                injector = threading.Thread(
                    target=self.inject, args=(fault, redis, at, o["outage"], window), daemon=True
                )
                injector.start()
                locust.wait(timeout=o["duration"] + 120)
                ended = time.time()
                injector.join(timeout=120)
            if "end" not in window:
                raise CommandError(f"the {fault} fault did not finish: {window}")
            server_log = gunicorn.output()
            (self.logs / f"run-{number}-{fault}-gunicorn.log").write_text(server_log)
            (self.logs / f"run-{number}-{fault}-locust.log").write_bytes(locust_log.read_bytes())

        # What locust saw and what gunicorn answered, for a second look at any figure.
        shutil.copy(records_path, self.logs / f"run-{number}-{fault}-records.jsonl")
        if access_log.exists():
            shutil.copy(access_log, self.logs / f"run-{number}-{fault}-access.log")
        records = [json.loads(line) for line in records_path.read_text().splitlines() if line]
        if not any(r.get("event", "request") == "request" for r in records):
            raise CommandError(f"locust recorded nothing:\n{locust_log.read_text()[-3000:]}")
        rows = query(
            url,
            "SELECT comment FROM django_comments WHERE comment LIKE %s",
            "%Ref bl%",
        )
        stored = {}
        for (text,) in rows:
            for token in TOKEN.findall(text):
                stored[token] = stored.get(token, 0) + 1
        fault_window = (window["start"], window["end"])
        app_log = access_log.read_text().splitlines() if access_log.exists() else []
        summary = load_report.summarise(records, fault_window, ended - began, stored, app_log)
        editor_errors = [r["errors"] for r in records if r.get("event") == "editor_error"]
        run = {
            "title": f"Run {number}: {FAULTS[fault].format(outage=o['outage'])}",
            "fault": fault,
            "readers": o["readers"],
            "commenters": commenters,
            "seconds": ended - began,
            "fault_offset": (window["start"] - began, window["end"] - began),
            "commit": self.commit,
            # The machine is shared: how busy it was over the last minute of the run.
            "load_average": os.getloadavg()[0],
            "summary": summary,
            "editor_errors": editor_errors[:5],
            "server_log": {
                "lines": len(server_log.splitlines()),
                "tracebacks": server_log.count("Traceback (most recent call last)"),
            },
        }
        run["table"] = load_report.table(run) + (
            f"\n\nServer log: {run['server_log']['lines']:,} lines, "
            f"{run['server_log']['tracebacks']:,} tracebacks."
        )
        if editor_errors:
            run["table"] += f"\nThe admin refused a save: {editor_errors[0]}"
        self.stdout.write(run["table"])
        return run

    def warm(self, origin, plan):
        """Each reader page kind once per worker, from the app itself, before the readers come:
        a worker's first page imports and compiles what it needs (seconds, on this machine),
        and the night starts on a site that was already up."""
        show = plan["shows"][0]
        paths = [
            "/",
            f"/shows/{show['slug']}/",
            f"/recaps/{show['recaps'][0]}/",
            f"/search/?q={plan['search_words'][0]}",
            "/feeds/rss/",
        ]
        with ThreadPoolExecutor(self.options["workers"]) as pool:
            for path in paths:
                statuses = list(pool.map(fetch, [origin + path] * self.options["workers"] * 2))
                if any(status != 200 for status, _, _ in statuses):
                    raise CommandError(
                        f"{path} answered {[s for s, _, _ in statuses]} before the run"
                    )

    def inject(self, fault, redis, at, outage, window):
        """At `at` (epoch seconds), take the server away for `outage` seconds and bring it
        back; `window` gets the moments it went and was back."""
        time.sleep(max(0.0, at - time.time()))
        window["start"] = time.time()
        try:
            if fault == "redis":
                redis.kill()
                time.sleep(outage)
                redis.start()
            else:
                self.cluster.stop("fast")
                time.sleep(max(0.0, window["start"] + outage - time.time()))
                self.cluster.start()
        finally:
            window["end"] = time.time()
