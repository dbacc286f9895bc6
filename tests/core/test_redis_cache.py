"""The Redis cache backend (core.cache) keeps one client per connection pool, and fails soft:
Redis away, hung or full makes each operation a miss. On a Redis server of the tests' own
(`redis_cache`, to kill or freeze): the suite's default cache is local memory."""

import logging
import time

import pytest
from django.core.cache import cache, caches

from core import cache as backend
from core.cache import RedisCache
from core.ratelimit import over_limit

pytestmark = pytest.mark.usefixtures("redis_cache")


def test_the_cache_is_ours_and_reuses_its_client():
    assert isinstance(caches["default"], RedisCache)
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client


def test_values_round_trip():
    cache.set("core:redis:test", {"page": "<p>ünïcode</p>"}, 30)
    assert cache.get("core:redis:test") == {"page": "<p>ünïcode</p>"}
    assert cache.get_many(["core:redis:test", "core:redis:none"]) == {
        "core:redis:test": {"page": "<p>ünïcode</p>"}
    }
    cache.delete("core:redis:test")
    assert cache.get("core:redis:test") is None


# -- Redis away, hung or full: every operation is a miss, and costs next to nothing -----------


def test_every_operation_is_a_miss_while_redis_is_away(redis_cache):
    cache.set("core:redis:kept", "value", 30)
    redis_cache.kill()
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("core:redis:kept") is None
        assert cache.get("core:redis:kept", "default") == "default"
        assert cache.get_many(["core:redis:kept"]) == {}
        assert cache.add("core:redis:new", 1, 30) is False
        assert cache.set("core:redis:kept", "other", 30) is None
        assert cache.set_many({"a": 1, "b": 2}, 30) == ["a", "b"]
        assert cache.delete("core:redis:kept") is False
        assert cache.delete_many(["a", "b"]) is None
        assert cache.has_key("core:redis:kept") is False
        assert cache.touch("core:redis:kept") is False
        with pytest.raises(backend.CacheUnavailable):
            cache.incr("core:redis:count")
        with pytest.raises(ValueError):  # as for a key that is not there
            cache.incr("core:redis:count")
    # 650 operations: none waits on the dead server.
    assert time.monotonic() - started < 0.5


def test_a_hung_redis_costs_one_timeout_then_nothing(redis_cache, settings):
    cache.set("core:redis:kept", "value", 30)
    redis_cache.freeze()
    started = time.monotonic()
    assert cache.get("core:redis:kept") is None
    first = time.monotonic() - started
    assert 0.2 < first < settings.CACHES["default"]["OPTIONS"]["socket_timeout"] + 0.2
    started = time.monotonic()
    for _ in range(100):
        assert cache.get("core:redis:kept") is None
    assert time.monotonic() - started < 0.1


def test_a_full_redis_refuses_writes_and_still_reads(redis_cache):
    cache.set("core:redis:kept", "value", 30)
    with redis_cache.full():
        cache.set("core:redis:kept", "other", 30)
        assert cache.set_many({"core:redis:kept": "other"}, 30) == ["core:redis:kept"]
        assert cache.add("core:redis:new", 1, 30) is False
        assert cache.get("core:redis:kept") == "value"
        # Deleting frees memory: a full Redis takes it.
        cache.delete("core:redis:kept")
        assert cache.get("core:redis:kept") is None


def test_one_warning_per_interval_and_one_when_redis_is_back(redis_cache, settings, caplog):
    settings.CACHES["default"]["OPTIONS"] = {
        **settings.CACHES["default"]["OPTIONS"],
        "retry_seconds": 0.01,
        "retry_max_seconds": 0.01,
    }
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        # Away, back, away and back again (a Redis that flaps), all within the interval.
        for _ in range(2):
            redis_cache.kill()
            for _ in range(30):
                cache.get("core:redis:kept")
                time.sleep(0.01)  # each a new try of the server
            redis_cache.start()
            time.sleep(0.02)
            cache.get("core:redis:kept")
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert messages[0].startswith("Redis (the cache) is unreachable (ConnectionError: ")
    assert messages[1].startswith("Redis (the cache) answers again after ")
    assert not any(record.exc_info for record in caplog.records)


def test_redis_back_runs_what_waited_for_it_before_any_read(redis_cache, monkeypatch):
    cache.set("core:redis:kept", "value", 30)
    seen = []
    monkeypatch.setattr(backend, "_recovery_callbacks", [lambda: seen.append("callback")])
    redis_cache.freeze()
    assert cache.get("core:redis:kept") is None
    redis_cache.thaw()
    time.sleep(0.6)  # the first back-off
    seen.append(cache.get("core:redis:kept"))
    assert seen == ["callback", "value"]
    assert cache.get("core:redis:kept") == "value"
    assert seen == ["callback", "value"]


def test_the_rate_limit_counts_in_the_process_while_redis_is_away(redis_cache):
    assert [over_limit("test", "203.0.113.9", 2) for _ in range(3)] == [False, False, True]
    redis_cache.kill()
    assert [over_limit("test", "203.0.113.7", 2) for _ in range(3)] == [False, False, True]
    assert over_limit("test", "203.0.113.8", 2) is False


def test_the_rate_limit_counts_in_one_round_trip_with_a_lifetime(redis_cache):
    import redis

    assert [over_limit("once", "203.0.113.5", 2) for _ in range(3)] == [False, False, True]
    client = redis.Redis.from_url(redis_cache.url)
    try:
        [key] = client.keys("*rate:once:203.0.113.5:*")
        assert int(client.get(key)) == 3
        assert 0 < client.ttl(key) <= 90
    finally:
        client.close()
