"""The purge generation a serving process keeps from Redis's channel (pagecache/generation.py):
a purge anywhere reaches it without a read on every request. On a Redis server of the tests' own
(`redis_cache`)."""

import threading
import time

import pytest
import redis
from django.core.cache import cache

from pagecache import generation, tags

pytestmark = pytest.mark.usefixtures("redis_cache")


def eventually(check, seconds=3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def watch(redis_cache):
    """A process's watch of its own, started the way the WSGI application starts it."""
    watch = generation.Watch()
    watch.start()
    assert eventually(lambda: watch.live)
    yield watch
    # Its thread would listen again on the next test's cache: cut its connection, and let the
    # thread wait for nothing from then on.
    watch.listen = threading.Event().wait
    with redis.Redis.from_url(redis_cache.url) as client:
        client.client_kill_filter(_type="pubsub")


def test_a_watch_reads_the_cache_until_it_listens():
    token = generation.new_generation()
    assert generation.Watch().current() == token


def test_a_purge_in_another_process_reaches_the_watch(watch):
    tags.purge(["recap:1"])
    assert eventually(lambda: watch.current() == cache.get(generation.GENERATION_KEY))


def test_the_first_token_is_announced_too(watch):
    cache.delete(generation.GENERATION_KEY)
    token = generation.first_generation()
    assert eventually(lambda: watch.current() == token)


def test_a_hang_too_short_for_the_channel_to_go_silent_is_made_up_for(watch, redis_cache):
    """Another process's purge may have missed Redis while it hung: a ping answered late stops
    the token being trusted at once, and on Redis's return this process purges every page."""
    assert watch.trusted(time.monotonic())
    redis_cache.freeze()
    hung_at = time.time()
    # Long enough for a ping to go unanswered, not for the channel to fall silent.
    time.sleep(2 * generation.PING_SECONDS)
    assert not watch.trusted(time.monotonic())
    assert watch.current() is None
    redis_cache.thaw()
    assert eventually(lambda: (cache.get(tags.VERSION_PREFIX + tags.SITE) or 0) > hung_at)
    assert eventually(lambda: watch.trusted(time.monotonic()))
    assert watch.current() == cache.get(generation.GENERATION_KEY)
