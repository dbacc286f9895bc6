"""The Redis cache backend (core.cache) keeps one client per connection pool. On a Redis server
of the tests' own (`redis_cache`): the suite's default cache is local memory."""

import pytest
from django.core.cache import cache, caches

from core.cache import RedisCache

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
