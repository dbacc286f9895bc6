"""`make bench-mail`: N confirmed followers of one show, one recap goes live; how long until the
last alert is handed to a local SMTP server, mails per second, the task worker's peak memory,
and the reader pages' req/s (wrk, page cache off, so every request reaches the database) before
and while the mail goes out. Each size runs on a fresh database of its own (SQLite under
bench-data/mail/, or PostgreSQL: --database-url postgres://…/episodic_bench_mail, a name that
starts with "episodic_bench", dropped and created again). The worker runs as in production
(`manage.py run_worker`, DEBUG off) and every child is stopped at the end."""

import logging
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bench.management.commands.bench import WRK, parse_wrk
from deploy import nginx

WORKDIR = Path(settings.BASE_DIR) / "bench-data" / "mail"


class Sink:
    """An SMTP server (aiosmtpd) that counts what it accepts and when the last one came."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        self.last = None
        self.lock = threading.Lock()
        self.port = nginx.free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += len(envelope.rcpt_tos)
            self.last = time.time()
        return "250 OK"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def memory_of(pid):
    """(current, peak) resident memory of a process, in MB (Linux /proc)."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


class Command(BaseCommand):
    help = (
        "Benchmark follower mail: N followers of one show, one recap goes live; time to the "
        "last mail at a local SMTP server, mails/s, the worker's peak memory, reader req/s."
    )

    def add_arguments(self, parser):
        parser.add_argument("--followers", default="10000,100000", help="sizes (10000,100000)")
        parser.add_argument("--batch-size", type=int, default=500, help="mails per task (500)")
        parser.add_argument("--database-url", default="", help="PostgreSQL URL (else SQLite)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
        parser.add_argument("--connections", type=int, default=4, help="wrk connections (4)")
        parser.add_argument("--baseline", type=int, default=10, help="seconds of wrk before (10)")

    def handle(self, *args, **options):
        # aiosmtpd logs every SMTP command at INFO.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        if not Path(WRK).exists():
            raise CommandError(f"{WRK} is missing: `make bench-mail` installs wrk")
        self.options = options
        self.secret_key = secrets.token_urlsafe(50)
        WORKDIR.mkdir(parents=True, exist_ok=True)
        sizes = [int(size) for size in options["followers"].split(",")]
        results = [self.run_size(size) for size in sizes]
        self.stdout.write("")
        self.stdout.write(
            "| followers | to the last mail | mails/s | worker peak memory | reader req/s "
            "before | reader req/s while sending |"
        )
        self.stdout.write("|---:|---:|---:|---:|---:|---:|")
        for r in results:
            self.stdout.write(
                f"| {r['followers']:,} | {r['seconds']:.1f} s | {r['rate']:.0f} | "
                f"{r['peak_mb']:.0f} MB | {r['before']:.0f} | {r['during']:.0f} |"
            )

    # -- one size ---------------------------------------------------------------------------

    def database(self, size):
        url = self.options["database_url"]
        if not url:
            path = WORKDIR / f"db-{size}.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return f"sqlite:///{path}"
        import psycopg

        name = dj_database_url.parse(url)["NAME"]
        if not name.startswith("episodic_bench"):
            raise CommandError("--database-url must name a database starting with episodic_bench")
        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return url

    def environment(self, database_url, **extra):
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DJANGO_DEBUG": "0",  # DEBUG keeps every query: the worker's memory would grow
                "DJANGO_SECRET_KEY": self.secret_key,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "EPISODIC_MEDIA_ROOT": str(WORKDIR / "media"),
                "DJANGO_STATIC_ROOT": str(WORKDIR / "static"),
                "DJANGO_LOG_LEVEL": "WARNING",
                "EPISODIC_PAGE_CACHE_ENABLED": "0",
                "DATABASE_URL": database_url,
                **extra,
            }
        )
        return env

    def manage(self, env, *command):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if done.returncode:
            raise CommandError(f"manage.py {command[0]} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    @contextmanager
    def child(self, command, env, name):
        log = (WORKDIR / f"{name}.log").open("w")
        process = subprocess.Popen(
            command,
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            nginx.stop_process(process)
            log.close()

    def wrk(self, url, seconds):
        connections = self.options["connections"]
        command = [WRK, f"-c{connections}", "-t1", f"-d{seconds}s", "--latency", url]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
        return parse_wrk(done.stdout)["rps"] if done.returncode == 0 else 0.0

    def run_size(self, size):
        self.stdout.write(f"{size:,} followers: preparing the database…")
        url = self.database(size)
        with Sink() as sink, ExitStack() as stack:
            env = self.environment(
                url,
                DJANGO_SMTP_HOST="127.0.0.1",
                DJANGO_SMTP_PORT=str(sink.port),
                DJANGO_SMTP_TLS="0",
                EPISODIC_FOLLOWS_SEND_RATE="0",
                EPISODIC_FOLLOWS_BATCH_SIZE=str(self.options["batch_size"]),
            )
            self.manage(env, "migrate", "--noinput", "-v", "0")
            started = time.monotonic()
            self.manage(env, "shell", "-c", f"from bench.mail import seed; seed({size})")
            self.stdout.write(f"  seeded in {time.monotonic() - started:.1f} s")
            port = nginx.free_port()
            gunicorn = [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.options["workers"]),
                "--log-level",
                "warning",
            ]
            web = stack.enter_context(self.child(gunicorn, env, f"gunicorn-{size}"))
            if not nginx.wait_for_port(port, 60, web):
                raise CommandError("gunicorn did not start")
            page = f"http://127.0.0.1:{port}/shows/bench-mail-show/"
            self.wrk(page, 2)  # warm-up
            before = self.wrk(page, self.options["baseline"])
            worker = stack.enter_context(
                self.child(
                    [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
                    env,
                    f"worker-{size}",
                )
            )
            time.sleep(3)
            output = self.manage(env, "shell", "-c", PUBLISH)
            published = float(output.split("published ", 1)[1].split()[0])
            during, peak = [], 0.0
            deadline = time.monotonic() + 3600
            while sink.count < size:
                if time.monotonic() > deadline or worker.poll() is not None:
                    raise CommandError(f"the worker stopped at {sink.count} mails")
                during.append(self.wrk(page, 5))
                peak = max(peak, memory_of(worker.pid)[1])
                self.stdout.write(f"  {sink.count:,} mails, worker peak {peak:.0f} MB")
            peak = max(peak, memory_of(worker.pid)[1])
            seconds = sink.last - published
            rate = sum(during) / len(during) if during else 0.0
        result = {
            "followers": size,
            "seconds": seconds,
            "rate": size / seconds,
            "peak_mb": peak,
            "before": before,
            "during": rate,
        }
        self.stdout.write(f"  {result}")
        shutil.rmtree(WORKDIR / "media", ignore_errors=True)
        return result


PUBLISH = "from bench.mail import publish; publish()"
