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
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench import beacon
from deploy import nginx

WRK = "/usr/bin/wrk"
MODES = ("uncached", "locmem", "redis", "nginx", "static")
PAGES = ("recap", "hub", "home", "tag", "search", "search-common", "api", *beacon.PAGES)
DEFAULT_PAGES = "recap,hub,home,tag,search"
REDIS_URL = "redis://127.0.0.1:6379/15"
# Every variable the app reads that a mode sets, so the caller's own values never leak in.
MODE_VARIABLES = ("REDIS_URL", "EPISODIC_PAGE_CACHE_ENABLED", "DATABASE_URL")
TARGETS = {"cache": 10.0, "front": 0.5, "scale": 0.8}


def parse_wrk(output):
    """req/s, p50 and p99 (ms), request and error counts from `wrk --latency` output."""

    def milliseconds(text):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
        scale = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]
        return float(value) * scale

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    if not (rate and p50 and p99):
        raise CommandError(f"unexpected wrk output:\n{output}")
    requests = re.search(r"(\d+) requests in", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rate.group(1)),
        "p50_ms": milliseconds(p50.group(1)),
        "p99_ms": milliseconds(p99.group(1)),
        "requests": int(requests.group(1)) if requests else 0,
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx": int(bad_status.group(1)) if bad_status else 0,
    }


def production_environment(database_url, secret_key, workdir, **extra):
    """The app's environment for a child process: production settings, DEBUG off, media and
    static files in `workdir`; none of the caller's own REDIS_URL, DATABASE_URL or page cache
    switch."""
    env = {key: value for key, value in os.environ.items() if key not in MODE_VARIABLES}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secret_key,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            # gunicorn listens on 127.0.0.1; nginx, where there is one, stands in front.
            "DJANGO_TRUSTED_PROXIES": "1",
            "EPISODIC_MEDIA_ROOT": str(Path(workdir) / "media"),
            "DJANGO_STATIC_ROOT": str(Path(workdir) / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            **beacon.ENVIRONMENT,
            # The API's anonymous limit counts every request (as in production) but never
            # refuses the load test's thousands a minute from one address.
            "EPISODIC_API_RATE_LIMIT": "100000000",
            **extra,
        }
    )
    return env


def fetch(url, timeout=30):
    """(status, headers, body) of one GET."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def git_commit(cwd):
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=10
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


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
        self.validated = False
        self.recap_pks = {}
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
        self.manage(self.environment(self.dataset_url(sizes[0])), "collectstatic", "--noinput")
        datasets = {size: self.dataset(size) for size in sizes}
        paths = {size: self.page_paths(datasets[size], pages) for size in sizes}

        started = datetime.now(UTC)
        results = []
        try:
            with tempfile.TemporaryDirectory(prefix="episodic-bench-") as scratch:
                self.scratch = Path(scratch)
                for round_number in range(options["rounds"]):
                    order = [(size, mode) for size in sizes for mode in modes]
                    if round_number % 2:
                        order.reverse()
                    for size, mode in order:
                        results += self.run_mode(
                            round_number, size, mode, datasets[size], paths[size]
                        )
        except KeyboardInterrupt:
            self.stderr.write("Interrupted: servers stopped; the rounds so far follow.")
        if not results:
            return
        summary = self.summarise(results, sizes, modes, pages)
        self.report(summary, sizes, modes, pages, results)
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

    # -- datasets ---------------------------------------------------------------------------

    def environment(self, database_url, **extra):
        return production_environment(database_url, self.secret_key, self.workdir, **extra)

    def manage(self, env, *command, check=True, capture=False, timeout=3600):
        return subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"]
            if command[0] in ("migrate", "collectstatic")
            else [sys.executable, "manage.py", *command],
            env=env,
            cwd=self.base_dir,
            check=check,
            capture_output=capture,
            text=True,
            timeout=timeout,
        )

    def dataset_url(self, size):
        base = self.options["database_url"]
        if not base:
            return f"sqlite:///{self.workdir / f'bench-{size}.sqlite3'}"
        config = dj_database_url.parse(base)
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("--database-url must name a PostgreSQL database")
        return re.sub(r"/[^/?]*(\?|$)", rf"/{config['NAME']}_{size}\1", base.rstrip("/"), count=1)

    def dataset(self, size):
        """The database URL of a ready dataset of `size` recaps, built if needed."""
        url = self.dataset_url(size)
        if self.options["database_url"]:
            return self.postgres_dataset(size, url)
        path = self.workdir / f"bench-{size}.sqlite3"
        if path.exists() and not self.options["rebuild"]:
            if self.manage(self.environment(url), "migrate", "--check", check=False).returncode:
                self.stdout.write(f"{path.name}: migrations changed since it was built; rebuilding")
            else:
                self.stdout.write(f"{path.name}: reused")
                return url
        # Built under another name and renamed when complete: an interrupted build is not reused.
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        self.build(size, f"sqlite:///{building}")
        path.unlink(missing_ok=True)
        building.rename(path)
        return url

    def postgres_dataset(self, size, url):
        import psycopg
        from psycopg import sql

        name = dj_database_url.parse(url)["NAME"]
        ready = f"episodic bench dataset: {size} recaps"
        # The server's maintenance database: the named one need not exist.
        maintenance = {"dbname": "postgres", "autocommit": True}
        with psycopg.connect(self.options["database_url"], **maintenance) as connection:
            row = connection.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            ).fetchone()
            current = (
                row
                and row[0] == ready
                and not self.options["rebuild"]
                and not self.manage(
                    self.environment(url), "migrate", "--check", check=False
                ).returncode
            )
            if current:
                self.stdout.write(f"{name}: reused")
                return url
            quoted = sql.Identifier(name)
            if row:
                self.stdout.write(f"{name}: not current; rebuilding")
                connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(quoted))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(quoted))
            self.build(size, url)
            connection.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(quoted, sql.Literal(ready))
            )
        return url

    def build(self, size, url):
        began = time.monotonic()
        self.stdout.write(f"Building {size} recaps into {url} …")
        env = self.environment(url)
        self.manage(env, "migrate", "--noinput")
        self.manage(env, "bench_data", "--recaps", str(size))
        self.manage(env, "refresh_search")
        self.stdout.write(f"Built in {time.monotonic() - began:.0f} s.")

    def page_paths(self, url, pages):
        code = (
            "from recaps.models import Recap;"
            "r = Recap.objects.published().select_related('episode__show')[5000 % "
            "max(1, Recap.objects.count())];"
            "print(r.slug, r.episode.show.slug, r.tags.first().slug, r.pk)"
        )
        shell = self.manage(
            self.environment(url), "shell", "--no-imports", "-c", code, capture=True, timeout=120
        )
        recap, show, tag, recap_pk = shell.stdout.split()
        # Each dataset's recap has its own address: its number, for its beacon, by address.
        self.recap_pks[f"/recaps/{recap}/"] = recap_pk
        every = {
            "recap": f"/recaps/{recap}/",
            "hub": f"/shows/{show}/",
            "home": "/",
            "tag": f"/tags/{tag}/",
            # One of 50 motifs: in 2% of the recaps.
            "search": "/search/?q=lighthouse",
            # A word found in every recap.
            "search-common": "/search/?q=song",
            # The beacon pages (bench.beacon) are measured with the recap's address and number.
            **dict.fromkeys(beacon.PAGES, f"/recaps/{recap}/"),
            # The recap above from the content API.
            "api": f"/api/v1/recaps/{recap}/",
        }
        return {page: every[page] for page in pages}

    # -- servers ----------------------------------------------------------------------------

    @contextmanager
    def gunicorn(self, url, **extra):
        """gunicorn on a free 127.0.0.1 port; yields its base URL."""
        port = nginx.free_port()
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.options["workers"]),
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
            env=self.environment(url, **extra),
            cwd=self.base_dir,
            start_new_session=True,
        )
        try:
            if not nginx.wait_for_port(port, 60, process):
                raise CommandError(f"gunicorn did not listen on 127.0.0.1:{port}")
            yield f"http://127.0.0.1:{port}"
        finally:
            nginx.stop_process(process)

    def front(self, name):
        """A fresh prefix directory and a free port for an nginx of this mode."""
        prefix = self.scratch / name
        shutil.rmtree(prefix, ignore_errors=True)
        return prefix, nginx.free_port()

    @contextmanager
    def servers(self, mode, url, paths):
        """Starts what `mode` needs; yields {page: URL to measure}."""
        cache_off = {"EPISODIC_PAGE_CACHE_ENABLED": "0"}
        cache_on = {"EPISODIC_PAGE_CACHE_ENABLED": "1"}
        with ExitStack() as stack:
            if mode == "uncached":
                base = stack.enter_context(self.gunicorn(url, **cache_off))
            elif mode == "locmem":
                base = stack.enter_context(self.gunicorn(url, **cache_on))
            elif mode in ("redis", "nginx"):
                self.flush_redis()
                upstream = stack.enter_context(self.gunicorn(url, REDIS_URL=REDIS_URL, **cache_on))
                base = upstream
                if mode == "nginx":
                    prefix, port = self.front("nginx")
                    body = nginx.render(
                        {
                            "EPISODIC_UPSTREAM": upstream.removeprefix("http://"),
                            "EPISODIC_LISTEN": f"127.0.0.1:{port}",
                            "EPISODIC_SERVER_NAME": "127.0.0.1",
                            "EPISODIC_CACHE_PATH": prefix / "cache",
                            "EPISODIC_MEDIA_ROOT": self.workdir / "media",
                        }
                    )
                    front = nginx.Nginx(prefix, body, port)
                    if not self.validated:
                        # The shipped file, placeholders filled, as nginx itself reads it.
                        report = front.test().splitlines()[-1].removeprefix("nginx: ")
                        self.stdout.write(f"deploy/nginx.conf → {front.conf}: {report}")
                        self.validated = True
                    stack.enter_context(front)
                    base = f"http://127.0.0.1:{port}"
            else:  # static: the same bytes, fetched once from gunicorn, as files
                prefix, port = self.front("static")
                pages_dir = prefix / "pages"
                pages_dir.mkdir(parents=True)
                # The beacon is not a page: a static site has nothing to count it.
                paths = {page: path for page, path in paths.items() if page not in beacon.PAGES}
                with self.gunicorn(url, **cache_off) as upstream:
                    for page, path in paths.items():
                        status, _, body = fetch(upstream + path)
                        if status != 200:
                            raise CommandError(f"{page}: {path} answered {status}")
                        (pages_dir / f"{page}.html").write_bytes(body)
                site = (
                    f"server {{\n    listen 127.0.0.1:{port};\n"
                    f"    root {pages_dir};\n    default_type text/html;\n}}\n"
                )
                stack.enter_context(nginx.Nginx(prefix, site, port))
                yield {page: f"http://127.0.0.1:{port}/{page}.html" for page in paths}
                return
            self.base = base
            yield {page: base + path for page, path in paths.items()}

    @staticmethod
    def flush_redis():
        import redis

        client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
        try:
            client.flushdb()
        finally:
            client.close()

    # -- measuring --------------------------------------------------------------------------

    def run_mode(self, round_number, size, mode, url, paths):
        results = []
        with self.servers(mode, url, paths) as urls:
            self.warm(mode, urls)
            for page, target in urls.items():
                script = None
                if page in beacon.PAGES:
                    script = self.scratch / f"{page}.lua"
                    script.write_text(beacon.script(page, paths[page], self.recap_pks[paths[page]]))
                    target = beacon.target(self.base, page, paths[page])
                if self.options["warmup"]:
                    self.wrk(target, self.options["warmup"], script)
                # After the warm-up: what a reader gets now (HIT once nginx keeps the page).
                cache_status = fetch(target)[1].get("X-Cache-Status") if mode == "nginx" else None
                figures = self.wrk(target, self.options["duration"], script)
                figures["rps"] = beacon.pages_per_second(page, figures["rps"])
                results.append(
                    {
                        "round": round_number + 1,
                        "size": size,
                        "mode": mode,
                        "page": page,
                        "url": target,
                        "cache_status": cache_status,
                        "load_average": os.getloadavg()[0],
                        **figures,
                    }
                )
                self.stdout.write(
                    f"  round {round_number + 1} {size:>6} {mode:<8} {page:<13} "
                    f"{figures['rps']:9.1f} req/s  p50 {figures['p50_ms']:7.2f} ms  "
                    f"p99 {figures['p99_ms']:7.2f} ms"
                    + (f"  X-Cache-Status {cache_status}" if cache_status else "")
                    + (f"  {figures['errors']} socket errors" if figures["errors"] else "")
                    + (f"  {figures['non_2xx']} non-2xx" if figures["non_2xx"] else "")
                )
        return results

    def warm(self, mode, urls):
        """Every page once per connection, all at once, so that each worker has imported,
        connected and rendered it before wrk starts (a fresh worker's first page is slow)."""
        pool = ThreadPoolExecutor(self.options["connections"])
        try:
            for page, target in urls.items():
                for status, _, _ in pool.map(fetch, [target] * self.options["connections"]):
                    if status != 200:
                        raise CommandError(f"{mode} {page}: {target} answered {status}")
                recap_pk = self.recap_pks.get(target.removeprefix(self.base))
                if page in beacon.PAGES and beacon.send(self.base, recap_pk) != 204:
                    raise CommandError(f"{mode} {page}: the beacon did not answer 204")
        finally:
            # On Ctrl-C, go and stop the servers at once rather than wait for these requests.
            pool.shutdown(wait=False, cancel_futures=True)

    def wrk(self, target, seconds, script=None):
        connections = self.options["connections"]
        command = [
            *([WRK, "-s", str(script)] if script else [WRK]),
            f"-c{connections}",
            f"-t{max(1, min(self.options['threads'], connections))}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            target,
        ]
        # wrk stops itself after `seconds`; the timeout only guards against a hang.
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
        if done.returncode:
            raise CommandError(f"wrk failed: {done.stderr}")
        return parse_wrk(done.stdout)

    # -- report -----------------------------------------------------------------------------

    def summarise(self, results, sizes, modes, pages):
        medians = {}
        for size in sizes:
            for mode in modes:
                for page in pages:
                    runs = [
                        r
                        for r in results
                        if (r["size"], r["mode"], r["page"]) == (size, mode, page)
                    ]
                    if runs:
                        medians[f"{size}/{mode}/{page}"] = {
                            key: statistics.median(r[key] for r in runs)
                            for key in ("rps", "p50_ms", "p99_ms")
                        } | {"rounds": len(runs)}

        def ratio(a, b):
            if a in medians and b in medians and medians[b]["rps"]:
                return float(f"{medians[a]['rps'] / medians[b]['rps']:.4g}")
            return None

        ratios = {}
        for page in pages:
            for size in sizes:
                for cached in ("locmem", "redis"):
                    ratios[f"{cached}/uncached@{size}/{page}"] = ratio(
                        f"{size}/{cached}/{page}", f"{size}/uncached/{page}"
                    )
                ratios[f"nginx/static@{size}/{page}"] = ratio(
                    f"{size}/nginx/{page}", f"{size}/static/{page}"
                )
            if len(sizes) > 1:
                small, large = min(sizes), max(sizes)
                for mode in modes:
                    ratios[f"{large}/{small}@{mode}/{page}"] = ratio(
                        f"{large}/{mode}/{page}", f"{small}/{mode}/{page}"
                    )
        return {"medians": medians, "ratios": {k: v for k, v in ratios.items() if v is not None}}

    def report(self, summary, sizes, modes, pages, results=()):
        medians, ratios = summary["medians"], summary["ratios"]
        unkept = sorted(
            {r["page"] for r in results if r["mode"] == "nginx" and r["cache_status"] != "HIT"}
        )
        if unkept:
            self.stdout.write(
                f"\nnginx did not keep {', '.join(unkept)} (no HIT after the warm-up): the app "
                "sent no public Cache-Control, so those nginx figures measure the app through "
                "nginx's cache lock."
            )
        rounds = max(m["rounds"] for m in medians.values())
        self.stdout.write(
            f"\nEpisodic {self.commit} — req/s · p50 ms · p99 ms, median of {rounds} round(s); "
            f"wrk {self.options['connections']} connections, {self.options['workers']} workers"
        )
        width = 24
        for size in sizes:
            self.stdout.write(f"\n{size:,} recaps")
            self.stdout.write(f"{'page':<14}" + "".join(f"{mode:>{width}}" for mode in modes))
            for page in pages:
                cells = []
                for mode in modes:
                    m = medians.get(f"{size}/{mode}/{page}")
                    cells.append(
                        f"{m['rps']:.0f} · {m['p50_ms']:.1f} · {m['p99_ms']:.1f}" if m else "—"
                    )
                self.stdout.write(f"{page:<14}" + "".join(f"{cell:>{width}}" for cell in cells))

        rows = []
        for size in sizes:
            for cached in ("locmem", "redis"):
                label = f"{cached} / uncached, {size:,}"
                rows.append((label, f"{cached}/uncached@{size}", "cache"))
            rows.append((f"nginx / static, {size:,}", f"nginx/static@{size}", "front"))
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            for mode in modes:
                target = "scale" if mode == "uncached" else None
                rows.append((f"{large:,} / {small:,}, {mode}", f"{large}/{small}@{mode}", target))
        rows = [
            (label, target, [ratios.get(f"{key}/{page}") for page in pages])
            for label, key, target in rows
            if any(f"{key}/{page}" in ratios for page in pages)
        ]
        if rows:
            self.stdout.write(
                f"\n{'ratio':<30}" + "".join(f"{page:>14}" for page in pages) + "    target"
            )
        for label, target, values in rows:
            goal = TARGETS.get(target)
            cells = []
            for v in values:
                if v is None:
                    cells.append("—")
                else:
                    mark = "" if goal is None else (" ✓" if v >= goal else " ✗")
                    cells.append(f"{v:.3g}{mark}")
            suffix = "" if goal is None else f"≥ {goal:g}" + ("×" if target == "cache" else "")
            self.stdout.write(
                f"{label:<30}" + "".join(f"{cell:>14}" for cell in cells) + f"    {suffix}"
            )
