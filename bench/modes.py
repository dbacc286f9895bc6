"""The servers each of `manage.py bench`'s modes measures, on 127.0.0.1 ports of the bench's
own, always stopped at the end: gunicorn without a page cache (`uncached`), with the built-in
page cache in local memory (`locmem`) or Redis (`redis`), the shipped nginx front cache
(deploy/nginx.conf) before it (`nginx`) and, as the ceiling, nginx serving the same bytes as
static files (`static`)."""

import shutil
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from bench import beacon
from bench.app_process import fetch
from deploy import nginx

MODES = ("uncached", "locmem", "redis", "nginx", "static")
REDIS_URL = "redis://127.0.0.1:6379/15"


class ModeServers:
    """`environment(url, **extra)` is the app's environment on the database at `url`; nginx
    keeps its files in `scratch`; `write` prints a line."""

    def __init__(self, workers, environment, workdir, scratch, write):
        self.workers = workers
        self.environment = environment
        self.workdir = workdir
        self.scratch = scratch
        self.write = write
        self.validated = False
        #: The address of the app (or nginx before it) of the mode running now.
        self.base = None

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
                str(self.workers),
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
            env=self.environment(url, **extra),
            cwd=settings.BASE_DIR,
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
    def serving(self, mode, url, paths):
        """Starts what `mode` needs; yields {page: URL to measure}."""
        cache_off = {"EPISODIC_PAGE_CACHE_ENABLED": "0"}
        cache_on = {"EPISODIC_PAGE_CACHE_ENABLED": "1"}
        with ExitStack() as stack:
            if mode == "uncached":
                base = stack.enter_context(self.gunicorn(url, **cache_off))
            elif mode == "locmem":
                base = stack.enter_context(self.gunicorn(url, **cache_on))
            elif mode in ("redis", "nginx"):
                flush_redis()
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
                        self.write(f"deploy/nginx.conf → {front.conf}: {report}")
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


def flush_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()
