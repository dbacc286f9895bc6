"""A PostgreSQL cluster a test (or `manage.py bench_load`) starts for itself, on a free
127.0.0.1 port with its data in a temporary directory, so that it may stop, restart or freeze
it mid-test: the shared server on 5432 is never touched."""

import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from deploy.nginx import free_port
from tests.servers import installed


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
