"""Measures the reader pages under load: a large dataset in a separate database, served by
gunicorn as in production, requested concurrently from this machine only (127.0.0.1)."""

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PORT = 8765


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Command(BaseCommand):
    help = "Benchmark the home, hub, recap, tag and search pages on a large dataset with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--recaps", type=int, default=20_000, help="dataset size")
        parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
        parser.add_argument("--concurrency", type=int, default=4)
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        parser.add_argument(
            "--database-url",
            default="",
            help="an empty database to fill (default: a new SQLite file in bench-data/)",
        )

    def handle(self, *args, **options):
        workdir = Path(settings.BASE_DIR) / "bench-data"
        workdir.mkdir(exist_ok=True)
        database_url = options["database_url"]
        if not database_url:
            database = workdir / f"bench-{options['recaps']}.sqlite3"
            database.unlink(missing_ok=True)
            database_url = f"sqlite:///{database}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
        }
        manage = [sys.executable, "manage.py"]
        started = time.monotonic()
        for step in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["bench_data", "--recaps", str(options["recaps"])],
            ["refresh_search"],
        ):
            subprocess.run(manage + step, env=env, check=True, cwd=settings.BASE_DIR)
        self.stdout.write(f"Dataset ready in {time.monotonic() - started:.0f} s ({database_url}).")

        paths = self.page_paths(env)
        server = subprocess.Popen(
            [
                Path(sys.executable).with_name("gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(options["workers"]),
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )
        try:
            self.wait_for_server()
            self.stdout.write(
                f"{'page':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  "
                f"({options['requests']} requests each, concurrency {options['concurrency']}; "
                "search* is a word found in every recap)"
            )
            for name, path in paths.items():
                self.measure(name, path, options["requests"], options["concurrency"])
        finally:
            server.terminate()
            server.wait(timeout=30)

    def page_paths(self, env):
        code = (
            "from recaps.models import Recap;"
            "r = Recap.objects.published().select_related('episode__show')[5000 % "
            "max(1, Recap.objects.count())];"
            "print(r.slug, r.episode.show.slug, r.tags.first().slug)"
        )
        with tempfile.TemporaryFile("w+") as out:
            subprocess.run(
                [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
                env=env,
                check=True,
                stdout=out,
                cwd=settings.BASE_DIR,
            )
            out.seek(0)
            recap, show, tag = out.read().split()
        return {
            "home": "/",
            "hub": f"/shows/{show}/",
            "recap": f"/recaps/{recap}/",
            "tag": f"/tags/{tag}/",
            "search": "/search/?q=lighthouse",
            "search*": "/search/?q=song",
        }

    def wait_for_server(self):
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"gunicorn did not answer on 127.0.0.1:{PORT}")

    def measure(self, name, path, count, concurrency):
        url = f"http://127.0.0.1:{PORT}{path}"

        def fetch(_):
            began = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                status = response.status
            return time.perf_counter() - began, status

        for _ in range(5):
            fetch(None)
        began = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(fetch, range(count)))
        elapsed = time.perf_counter() - began
        latencies = [seconds * 1000 for seconds, _ in results]
        failures = sum(status != 200 for _, status in results)
        self.stdout.write(
            f"{name:<8} {count / elapsed:8.1f} {statistics.median(latencies):8.1f} "
            f"{percentile(latencies, 0.99):8.1f}" + (f"  {failures} failed" if failures else "")
        )
