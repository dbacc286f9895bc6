"""One run of `manage.py bench_load`: Redis, gunicorn and the shipped nginx of the run's own on
a copy of the prepared database, locust driving the readers, commenters and editor
(bench/locustfile.py), the fault injected in the middle (bench/faults.py); then what locust
recorded, gunicorn answered and the database kept, summed up by bench/load_report.py."""

import json
import os
import re
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from bench import load_report
from bench.app_process import fetch
from bench.faults import FAULTS, inject
from bench.load_setup import LOCUST
from deploy import nginx

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
#: The token each simulated comment carries (bench/locustfile.py), to find it in the database.
TOKEN = re.compile(r"Ref (bl[0-9a-f]{12})\.")


class LoadNight:
    """The runs of one `bench_load`: `options` are the command's; `cluster` the bench's
    PostgreSQL (tests/postgres_cluster.py) holding the prepared `episodic_load`; each run works
    in `scratch` and keeps its logs in `logs`; `environment(url, **extra)` is the app's
    environment on the database at `url`; `write` prints a line."""

    def __init__(self, options, cluster, scratch, logs, environment, commit, write):
        self.options = options
        self.cluster = cluster
        self.scratch = scratch
        self.logs = logs
        self.environment = environment
        self.commit = commit
        self.write = write

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
            self.write(
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
                    target=inject,
                    args=(fault, redis, self.cluster, at, o["outage"], window),
                    daemon=True,
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
        self.write(run["table"])
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
