"""/healthz and /readyz, the answers load balancers and orchestrators read."""

import json
import logging
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.servers import Gunicorn, query
from worker.models import WorkerHeartbeat

CHECKS = {"database", "cache", "migrations", "worker"}


def probe(client, path, **extra):
    """`client.get(path)` from a thread of its own, as gunicorn's: the browser tests' playwright
    keeps an event loop running in the main thread of their pytest worker, and the readiness
    checks, which run in an event loop of their own, cannot start one there."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(client.get, path, **extra).result()


def readiness(client, **extra):
    response = probe(client, "/readyz", **extra)
    return response.status_code, json.loads(response.content)


@pytest.fixture
def worker_alive(transactional_db):
    # Checks run in threads of their own: the heartbeat must be committed for them to see it.
    return WorkerHeartbeat.objects.create(worker_id="w1", seen_at=timezone.now())


def test_liveness_answers_ok_touching_neither_database_nor_cache(client, redis_cache):
    # No database for this test (pytest-django refuses any query), and a cache that is away.
    redis_cache.kill()
    response = probe(client, "/healthz")
    assert (response.status_code, response.content) == (200, b"ok")
    assert "no-store" in response["Cache-Control"]


def test_readiness_is_200_with_every_check_ok(client, worker_alive):
    status, body = readiness(client)
    assert status == 200
    assert body == {"status": "ready", "checks": dict.fromkeys(CHECKS, "OK")}


def test_readiness_is_never_cached_and_sets_no_cookie(client, worker_alive):
    response = probe(client, "/readyz")
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert response.get("X-Page-Cache") is None


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_a_load_balancer_speaking_plain_http_to_an_address(
    client, settings, worker_alive, path
):
    settings.SECURE_SSL_REDIRECT = True
    response = probe(client, path, HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200


def test_readiness_is_503_naming_the_worker_without_a_heartbeat(client, transactional_db):
    status, body = readiness(client)
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["worker"] == "Unavailable: no task worker has started"
    assert body["checks"]["database"] == "OK"


def test_readiness_is_503_when_the_last_heartbeat_is_too_old(client, settings, transactional_db):
    silent = settings.TASK_WORKER_LOST_AFTER_SECONDS + 30
    WorkerHeartbeat.objects.create(
        worker_id="w1", seen_at=timezone.now() - timedelta(seconds=silent)
    )
    status, body = readiness(client)
    assert status == 503
    assert body["checks"]["worker"].startswith("Unavailable: no task worker heartbeat for")


def test_a_hung_redis_is_degraded_readiness_within_seconds(client, redis_cache, worker_alive):
    """Pages are built uncached without Redis: the instance stays in the load balancer."""
    redis_cache.freeze()
    started = time.monotonic()
    status, body = readiness(client)
    assert time.monotonic() - started < 6
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == "Unavailable: Unable to connect to Redis: Timeout."
    assert body["checks"]["database"] == "OK"


def test_a_failed_readiness_is_not_logged_by_django(client, transactional_db, caplog):
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert readiness(client)[0] == 503
    assert [record for record in caplog.records if record.name == "django.request"] == []


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_gunicorn_readiness_follows_its_database_and_redis_and_names_no_secret(
    launch, tmp_path, postgres_site_env, postgres_cluster, redis_server
):
    """The production settings behind gunicorn: a database going away (or hanging) turns
    /readyz to 503 naming it within seconds, Redis going away to a 200 "degraded" naming it,
    /healthz stays 200, and readiness comes back without a restart."""
    env = {**postgres_site_env, "REDIS_URL": redis_server.url, "DJANGO_DEBUG": "0"}
    server = launch(Gunicorn(tmp_path, env))
    # The task worker's heartbeat, as `run_worker` writes it.
    query(
        env["DATABASE_URL"],
        "INSERT INTO worker_workerheartbeat (worker_id, seen_at) VALUES ('w1', now())",
    )
    status, body = get(server.url + "/readyz")
    assert (status, json.loads(body)["status"]) == (200, "ready"), body

    postgres_cluster.stop()
    status, body = get(server.url + "/readyz")
    checks = json.loads(body)["checks"]
    assert status == 503
    assert checks["database"] == "Unavailable: connection failed"
    assert checks["cache"] == "OK"
    assert get(server.url + "/healthz") == (200, b"ok")
    for secret in (env["DJANGO_SECRET_KEY"], "postgres", "127.0.0.1", str(postgres_cluster.port)):
        assert secret.encode() not in body

    postgres_cluster.start()
    redis_server.kill()
    status, body = get(server.url + "/readyz")
    checks = json.loads(body)["checks"]
    assert (status, json.loads(body)["status"]) == (200, "degraded")
    assert checks["database"] == "OK"
    assert checks["cache"].startswith("Unavailable: Unable to connect to Redis")
    assert str(redis_server.port).encode() not in body

    redis_server.start()
    status, body = get(server.url + "/readyz")
    assert (status, json.loads(body)["status"]) == (200, "ready")

    postgres_cluster.freeze()
    started = time.monotonic()
    status, body = get(server.url + "/readyz")
    assert time.monotonic() - started < 8
    assert status == 503
    assert json.loads(body)["checks"]["database"] == "Unavailable: Timed out after 2 seconds"
    postgres_cluster.thaw()
    assert get(server.url + "/readyz")[0] == 200


def test_gunicorn_readiness_is_503_while_migrations_are_pending(launch, tmp_path, site_env):
    (tmp_path / "db.sqlite3").unlink()
    server = launch(Gunicorn(tmp_path, site_env))
    status, body = get(server.url + "/readyz")
    checks = json.loads(body)["checks"]
    assert status == 503
    assert checks["migrations"].startswith("Unavailable: ")
    assert checks["migrations"].endswith(" migrations not applied")


def test_gunicorns_access_log_leaves_the_probes_out(launch, tmp_path, site_env):
    log = tmp_path / "access.log"
    options = ["--access-logfile", str(log), "--logger-class", "health.gunicorn.Logger"]
    server = launch(Gunicorn(tmp_path, site_env, options=options))
    for path in ("/healthz", "/readyz", "/robots.txt"):
        get(server.url + path)
    server.stop()
    lines = log.read_text().splitlines()
    assert len(lines) == 1 and "GET /robots.txt" in lines[0]
