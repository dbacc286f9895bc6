"""The comment rate limit holds across gunicorn workers when they share Redis, and only then.

gunicorn runs with two workers that each serve a single request and are replaced
(`--max-requests 1`), so no two posts are counted by the same process: only a counter in a
cache the processes share can stop the third post of a minute (the limit is set to two). Runs
where REDIS_URL is set (the Redis step of .ci/run)."""

import http.cookiejar
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("shared-rate-limit")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",  # plain static files: no collectstatic needed for this check
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    # Two comments a minute: a slow machine's posts may spread over three clock minutes, and
    # eight posts in three minutes put at least three in one of them.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from discussion.models import CommentSettings as S; S.objects.update_or_create("
            "pk=S.SINGLETON_PK, defaults={'rate_per_minute': 2})",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return env


def serve(env, port):
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--max-requests",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def comment_statuses(port, posts):
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    for _ in range(100):
        try:
            opener.open(f"{base}/admin/login/", timeout=10)
            break
        except OSError:
            time.sleep(0.2)
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    statuses = []
    for n in range(posts):
        request = urllib.request.Request(
            f"{base}/comments/post/",
            data=urlencode({"comment": f"Post {n}", "csrfmiddlewaretoken": token}).encode(),
            headers={"Origin": base, "Sec-Fetch-Site": "same-origin"},
        )
        try:
            statuses.append(opener.open(request, timeout=30).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


def run_site(env, posts=8):
    port = free_port()
    server = serve(env, port)
    try:
        return comment_statuses(port, posts)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_workers_sharing_redis_refuse_comments_over_the_limit(site_env):
    env = {
        **site_env,
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_KEY_PREFIX": f"ratelimit-{secrets.token_hex(4)}",
    }
    statuses = run_site(env)
    # The first two reach the form checks (a post with no recap is a 404); then the limit,
    # counted by other processes, refuses.
    assert 429 not in statuses[:2], statuses
    assert 429 in statuses, statuses


def test_without_redis_each_worker_counts_alone(site_env):
    statuses = run_site(site_env)
    assert 429 not in statuses, statuses
