"""The comment rate limit holds across gunicorn workers when they share Redis, and only then.

gunicorn runs with two workers that each serve a single request and are replaced
(`--max-requests 1`), so no two posts are counted by the same process: only a counter in a
cache the processes share can stop the third post of a minute (the limit is set to two). Redis is
a server of the tests' own (`redis_server`)."""

import http.cookiejar
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.servers import Gunicorn, manage


@pytest.fixture
def rate_limited_env(site_env):
    # Two comments a minute: a slow machine's posts may spread over three clock minutes, and
    # eight posts in three minutes put at least three in one of them.
    manage(
        site_env,
        "shell",
        "-c",
        "from discussion.models import CommentSettings as S; S.objects.update_or_create("
        "pk=S.SINGLETON_PK, defaults={'rate_per_minute': 2})",
    )
    return site_env


def comment_statuses(port, posts):
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/admin/login/", timeout=30)
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


def run_site(launch, tmp_path, env, posts=8):
    server = launch(Gunicorn(tmp_path, env, workers=2, options=["--max-requests", "1"]))
    return comment_statuses(server.port, posts)


def test_workers_sharing_redis_refuse_comments_over_the_limit(
    launch, tmp_path, rate_limited_env, redis_server
):
    env = {**rate_limited_env, "REDIS_URL": redis_server.url}
    statuses = run_site(launch, tmp_path, env)
    # The first two reach the form checks (a post with no recap is a 404); then the limit,
    # counted by other processes, refuses.
    assert 429 not in statuses[:2], statuses
    assert 429 in statuses, statuses


def test_without_redis_each_worker_counts_alone(launch, tmp_path, rate_limited_env):
    statuses = run_site(launch, tmp_path, rate_limited_env)
    assert 429 not in statuses, statuses
