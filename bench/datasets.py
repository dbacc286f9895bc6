"""The datasets `manage.py bench` measures: one per size, `bench_data` recaps built once into
bench-data/bench-<size>.sqlite3 (or a PostgreSQL database `<name>_<size>` beside the one
`--database-url` names) and reused while their migrations are current; and the address of each
page measured on it."""

import re
import time

import dj_database_url
from django.core.management.base import CommandError

from bench import app_process, beacon


class Datasets:
    """`environment(url)` is the app's environment on the database at `url`; `write` prints a
    line of progress."""

    def __init__(self, workdir, database_url, rebuild, environment, write):
        self.workdir = workdir
        self.database_url = database_url
        self.rebuild = rebuild
        self.environment = environment
        self.write = write
        #: The number of each dataset's measured recap, by its address (for its beacon).
        self.recap_pks = {}

    def url(self, size):
        base = self.database_url
        if not base:
            return f"sqlite:///{self.workdir / f'bench-{size}.sqlite3'}"
        config = dj_database_url.parse(base)
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("--database-url must name a PostgreSQL database")
        return re.sub(r"/[^/?]*(\?|$)", rf"/{config['NAME']}_{size}\1", base.rstrip("/"), count=1)

    def migrations_changed(self, url):
        return app_process.manage(
            self.environment(url), "migrate", "--check", check=False
        ).returncode

    def ready(self, size):
        """The database URL of a ready dataset of `size` recaps, built if needed."""
        url = self.url(size)
        if self.database_url:
            return self.postgres(size, url)
        path = self.workdir / f"bench-{size}.sqlite3"
        if path.exists() and not self.rebuild:
            if self.migrations_changed(url):
                self.write(f"{path.name}: migrations changed since it was built; rebuilding")
            else:
                self.write(f"{path.name}: reused")
                return url
        # Built under another name and renamed when complete: an interrupted build is not reused.
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        self.build(size, f"sqlite:///{building}")
        path.unlink(missing_ok=True)
        building.rename(path)
        return url

    def postgres(self, size, url):
        import psycopg
        from psycopg import sql

        name = dj_database_url.parse(url)["NAME"]
        ready = f"episodic bench dataset: {size} recaps"
        # The server's maintenance database: the named one need not exist.
        maintenance = {"dbname": "postgres", "autocommit": True}
        with psycopg.connect(self.database_url, **maintenance) as connection:
            row = connection.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            ).fetchone()
            current = (
                row and row[0] == ready and not self.rebuild and not self.migrations_changed(url)
            )
            if current:
                self.write(f"{name}: reused")
                return url
            quoted = sql.Identifier(name)
            if row:
                self.write(f"{name}: not current; rebuilding")
                connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(quoted))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(quoted))
            self.build(size, url)
            connection.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(quoted, sql.Literal(ready))
            )
        return url

    def build(self, size, url):
        began = time.monotonic()
        self.write(f"Building {size} recaps into {url} …")
        env = self.environment(url)
        app_process.manage(env, "migrate", "--noinput")
        app_process.manage(env, "bench_data", "--recaps", str(size))
        app_process.manage(env, "refresh_search")
        self.write(f"Built in {time.monotonic() - began:.0f} s.")

    def page_paths(self, url, pages):
        """{page: path} of each page measured on the dataset at `url`."""
        code = (
            "from recaps.models import Recap;"
            "r = Recap.objects.published().select_related('episode__show')[5000 % "
            "max(1, Recap.objects.count())];"
            "print(r.slug, r.episode.show.slug, r.tags.first().slug, r.pk)"
        )
        shell = app_process.manage(
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
