"""Servers a test starts for itself, so that it may stop, kill or freeze them mid-test: Redis, a
PostgreSQL cluster, gunicorn serving the project, any `manage.py` command as a process (a task
worker), and an SMTP server that keeps what it is sent.

Each listens on a free 127.0.0.1 port and keeps its data in a temporary directory of its own:
nothing here ever stops the shared servers on 5432 and 6379. The fixtures that hand them to
tests are in tests/conftest.py; `make test` installs the Debian packages they run
(`make servers`)."""

import asyncio
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from glob import glob
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.nginx import free_port, stop_process, wait_for_port

ROOT = Path(__file__).resolve().parents[1]


def installed(pattern, package):
    """The newest executable matching `pattern`; the test fails, saying what to install, when
    there is none (a test that did not run is not a pass)."""
    found = sorted(glob(pattern))
    if not found:
        pytest.fail(
            f"{pattern} is missing: `make test` installs Debian's {package} (`make servers`).",
            pytrace=False,
        )
    return found[-1]


def wait_until(condition, seconds, what):
    """Polls `condition()` until it is true; fails the test, saying `what` never happened."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s")
        time.sleep(0.1)


@contextmanager
def serving(handler):
    """A ThreadingHTTPServer with `handler` on a free 127.0.0.1 port, in a thread, for the
    duration; `received` is a list for the handler to keep what it was sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class Process:
    """A child in a session of its own (its own children go with it), logging to a file."""

    def __init__(self, directory, name=None):
        self.directory = Path(directory)
        self.log = self.directory / f"{name or type(self).__name__.lower()}.log"
        self.process = None

    def command(self):
        raise NotImplementedError

    def environment(self):
        return None

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def launch(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self):
        """SIGTERM, then SIGKILL to the whole group if it has not stopped in 15 seconds."""
        stop_process(self.process)

    def kill(self):
        """SIGKILL, as the kernel's out-of-memory killer or a pulled plug would."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)

    def freeze(self):
        """SIGSTOP: the process holds its connections and answers nothing, like a hung server."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        if self.running:
            os.killpg(self.process.pid, signal.SIGCONT)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.thaw()
        self.stop()


class Server(Process):
    """A process that is up once it accepts connections on its port; the port stays the same
    across restarts, so clients reconnect to the same address."""

    startup_seconds = 30

    def __init__(self, directory):
        super().__init__(directory)
        self.port = free_port()

    def start(self):
        self.launch()
        if not wait_for_port(self.port, self.startup_seconds, self.process):
            self.stop()
            raise RuntimeError(f"{self.command()[0]} did not listen:\n{self.output()}")
        return self

    def restart(self):
        self.stop()
        return self.start()


class RedisServer(Server):
    """redis-server keeping nothing on disk; `maxmemory` (bytes) with `noeviction` makes writes
    fail once it is full, as a Redis that is not a pure cache would."""

    def __init__(self, directory, maxmemory=None):
        super().__init__(directory)
        self.maxmemory = maxmemory

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self):
        command = [installed("/usr/bin/redis-server", "redis-server")]
        command += ["--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        if self.maxmemory:
            command += ["--maxmemory", str(self.maxmemory), "--maxmemory-policy", "noeviction"]
        return command

    @contextmanager
    def full(self):
        """Within the block, every write is refused (`OOM command not allowed`) as by a Redis
        at its `maxmemory` with `noeviction`; reads and deletes still work."""
        import redis

        with redis.Redis.from_url(self.url) as client:
            before = client.config_get("maxmemory*")
            client.config_set("maxmemory-policy", "noeviction")
            client.config_set("maxmemory", 1)
            try:
                yield
            finally:
                client.config_set("maxmemory", before["maxmemory"])
                client.config_set("maxmemory-policy", before["maxmemory-policy"])

    def flush(self):
        """Empties this server (ours alone: FLUSHALL never reaches the shared one)."""
        import redis

        with redis.Redis.from_url(self.url) as client:
            client.flushall()


class Gunicorn(Server):
    """gunicorn serving config.wsgi with `env` (see `site_environment`)."""

    startup_seconds = 60

    def __init__(self, directory, env, workers=1, options=()):
        super().__init__(directory)
        self.env = env
        self.workers = workers
        self.options = list(options)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def environment(self):
        return self.env

    def command(self):
        return [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
            "--graceful-timeout",
            "5",
            *self.options,
        ]


class ManageCommand(Process):
    """`manage.py <args>` running with `env` until stopped (a task worker, say); its output is
    in `<name>.log`."""

    def __init__(self, directory, env, *args, name=None):
        super().__init__(directory, name or args[0])
        self.env = env
        self.args = args

    def environment(self):
        return self.env

    def command(self):
        return [sys.executable, "manage.py", *self.args]

    def start(self):
        return self.launch()


class PostgresCluster:
    """A PostgreSQL cluster of its own: `initdb` and `pg_ctl` run as the `postgres` user (the
    server refuses root), trust authentication, the socket in its directory, durability off
    (a test's data need not survive a power cut)."""

    def __init__(self):
        self.bin = Path(installed("/usr/lib/postgresql/*/bin/pg_ctl", "postgresql")).parent
        self.directory = Path(tempfile.mkdtemp(prefix="episodic-postgres-"))
        shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = free_port()
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "-N")

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, program, *args):
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*as_postgres, str(self.bin / program), *map(str, args)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{program} failed:\n{done.stdout}{done.stderr}\n{self.output()}")
        return done.stdout

    def output(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    @property
    def running(self):
        return (self.data / "postmaster.pid").exists()

    def start(self, **settings):
        """`settings`: server settings for this run (`max_connections=5`)."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        options += "".join(f" -c {name}={value}" for name, value in settings.items())
        self.run("pg_ctl", "start", "-D", self.data, "-l", self.log, "-w", "-o", options)
        return self

    def stop(self, mode="fast"):
        """`fast` ends every session at once, as a restart by an operator does; `immediate`
        is a crash (recovery on the next start)."""
        if self.running:
            self.run("pg_ctl", "stop", "-D", self.data, "-m", mode, "-w")

    def restart(self, **settings):
        self.stop()
        return self.start(**settings)

    def postmaster(self):
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def freeze(self):
        """SIGSTOP to the postmaster: new connections are accepted by the kernel and then never
        answered, as with a database host that hangs."""
        os.kill(self.postmaster(), signal.SIGSTOP)

    def thaw(self):
        if self.running:
            os.kill(self.postmaster(), signal.SIGCONT)

    def create_database(self, name=None, template=None):
        """A new database (named `name`, or at random; a copy of `template`); its URL."""
        import psycopg

        name = name or f"test_{secrets.token_hex(4)}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def close(self):
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def site_environment(directory, **extra):
    """The environment of the project run as a process of its own (gunicorn, a worker):
    config.settings, not the tests', with a database and media folder in `directory`."""
    directory = Path(directory)
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",  # plain static files: no collectstatic needed
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "EPISODIC_MEDIA_ROOT": str(directory / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env, *args, timeout=300):
    """Runs `manage.py <args>` with `env` to its end; its output, or RuntimeError with it."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def query(database_url, sql, *params):
    """Runs `sql` on the database at `database_url` (SQLite or PostgreSQL), as the test sees
    or prepares a database that a process of the project uses; the rows it reads."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        cursor = connection.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


class SmtpSink:
    """An SMTP server (aiosmtpd) on a free port that keeps the messages it accepts.
    `hold_quit` makes it leave every QUIT unanswered once the message is accepted, like a slow
    mail server: the sender is stuck after its message was delivered."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.hold_quit = threading.Event()
        self.quits_held = 0
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def recipients(self):
        return [recipient for rcpt_tos, _ in self.messages for recipient in rcpt_tos]

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        if self.hold_quit.is_set():
            self.quits_held += 1
        while self.hold_quit.is_set():
            await asyncio.sleep(0.05)
        return "221 Bye"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.hold_quit.clear()
        self.controller.stop()
