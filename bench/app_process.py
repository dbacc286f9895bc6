"""The project as the benchmarks run it, in child processes: production settings with DEBUG off,
`manage.py` commands, one GET of a page it serves, and the commit it runs (printed and kept
beside every figure)."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from bench import beacon

# Every variable the app reads that a mode sets, so the caller's own values never leak in.
MODE_VARIABLES = ("REDIS_URL", "EPISODIC_PAGE_CACHE_ENABLED", "DATABASE_URL")


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


def manage(env, *command, check=True, capture=False, timeout=3600):
    """`manage.py <command>` run with `env` to its end (quietly, for migrate and
    collectstatic); the finished process."""
    return subprocess.run(
        [sys.executable, "manage.py", *command, "-v0"]
        if command[0] in ("migrate", "collectstatic")
        else [sys.executable, "manage.py", *command],
        env=env,
        cwd=settings.BASE_DIR,
        check=check,
        capture_output=capture,
        text=True,
        timeout=timeout,
    )


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
