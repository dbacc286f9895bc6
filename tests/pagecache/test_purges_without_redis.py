"""Purges are never forgotten when Redis cannot take them (away, hung, or full and refusing
writes), and a process that found Redis away trusts nothing it kept from before once it is back.
On a Redis server of the tests' own (`redis_cache`, to kill, freeze or fill)."""

import threading
import time

import pytest
import redis
from django.core.cache import cache

from pagecache import fragments, generation, tags

pytestmark = pytest.mark.usefixtures("redis_cache")


def eventually(check, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def counter():
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    return build


def test_a_purge_made_while_redis_hangs_is_made_again_once_it_answers(redis_cache):
    built_at = time.time()
    tags.remember(["recap:1"], built_at)
    redis_cache.freeze()
    started = time.monotonic()
    tags.purge(["recap:1"])
    assert time.monotonic() - started < 1  # one timeout, not a hang
    redis_cache.thaw()
    assert eventually(lambda: (cache.get(tags.VERSION_PREFIX + "recap:1") or 0) > built_at)
    assert not tags.is_fresh(["recap:1"], built_at)


def test_a_purge_a_full_redis_refuses_leaves_the_tag_unknown(redis_cache):
    built_at = time.time()
    tags.remember(["recap:1", "show:2"], built_at)
    with redis_cache.full():
        tags.purge(["recap:1"])
        # Not written, but deleted (which a full Redis takes): unknown, so stale everywhere.
        assert cache.get(tags.VERSION_PREFIX + "recap:1") is None
        assert not tags.is_fresh(["recap:1"], built_at)
        assert tags.is_fresh(["show:2"], built_at)


def test_what_was_kept_before_redis_hung_is_stale_once_it_is_back(db, redis_cache, counter):
    built_at = time.time()
    tags.remember([tags.SITE, "recap:1"], built_at)
    assert fragments.cached_fragment("facts", ["show:1"], counter) == 1
    assert fragments.cached_fragment("facts", ["show:1"], counter) == 1
    redis_cache.freeze()
    assert fragments.cached_fragment("facts", ["show:1"], counter) == 2  # built, not waited for
    redis_cache.thaw()
    time.sleep(0.6)  # the first back-off: the next operation tries Redis again
    # This process cannot know which purges others made meanwhile: nothing from before counts.
    assert fragments.cached_fragment("facts", ["show:1"], counter) == 3
    assert not tags.is_fresh([tags.SITE, "recap:1"], built_at)
    assert fragments.cached_fragment("facts", ["show:1"], counter) == 3


def test_the_purge_channel_knows_no_token_while_redis_hangs_and_listens_again(redis_cache):
    watch = generation.Watch()
    watch.start()
    try:
        assert eventually(lambda: watch.live)
        token = generation.new_generation()
        assert eventually(lambda: watch.current() == token)
        redis_cache.freeze()
        # No message may have been missed: silent Redis, unknown token.
        assert eventually(lambda: watch.current() is None)
        redis_cache.thaw()
        assert eventually(lambda: watch.live and watch.current() is not None)
        # The cache's own breaker may still be in its back-off (up to 5 s): a purge made then
        # is replayed later, not written now. Wait until the cache takes writes again.
        assert eventually(lambda: cache.reachable(force=True))
        token = generation.new_generation()
        assert eventually(lambda: watch.current() == token)
    finally:
        redis_cache.thaw()
        watch.listen = threading.Event().wait
        with redis.Redis.from_url(redis_cache.url) as client:
            client.client_kill_filter(_type="pubsub")
