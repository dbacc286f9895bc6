"""The servers tests start for themselves (tests/servers.py) start, stop and come back on the
same address, and are not the shared ones."""

import psycopg
import pytest
import redis

from tests.servers import Gunicorn


def test_a_killed_redis_refuses_and_comes_back_empty_on_the_same_port(redis_server):
    assert redis_server.port != 6379
    with redis.Redis.from_url(redis_server.url, socket_timeout=1) as client:
        client.set("k", "v")
        redis_server.kill()
        with pytest.raises(redis.ConnectionError):
            client.get("k")
        redis_server.start()
        assert client.get("k") is None


def test_a_frozen_redis_times_out(redis_server):
    with redis.Redis.from_url(redis_server.url, socket_timeout=0.2) as client:
        client.ping()
        redis_server.freeze()
        with pytest.raises(redis.TimeoutError):
            client.ping()
        redis_server.thaw()
        assert client.ping()


def test_a_stopped_postgres_cluster_refuses_then_serves_its_data_again(postgres_cluster):
    assert postgres_cluster.port != 5432
    url = postgres_cluster.create_database()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE kept (value text)")
        connection.execute("INSERT INTO kept VALUES ('still here')")
    postgres_cluster.stop()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    postgres_cluster.start()
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT value FROM kept").fetchone() == ("still here",)


def test_gunicorn_serves_the_project(launch, tmp_path, site_env):
    import urllib.request

    server = launch(Gunicorn(tmp_path, site_env))
    with urllib.request.urlopen(server.url + "/robots.txt", timeout=30) as response:
        assert response.status == 200
