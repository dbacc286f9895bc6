"""One rule for whatever the page cache keeps: current between when it was built and when it
expires, while none of its tags was purged; the schedule and generation come in the same read."""

import time

from django.core.cache import cache

from pagecache import freshness, generation, schedule, tags


def test_current_until_one_of_its_tags_is_purged():
    built_at = time.time()
    tags.remember(["recap:1", "show:2"], built_at)
    assert freshness.check(built_at, built_at + 60, ["recap:1", "show:2"]) is not None
    tags.purge(["show:2"])
    assert freshness.check(built_at, built_at + 60, ["recap:1", "show:2"]) is None


def test_stale_past_its_expiry_and_before_it_was_built():
    built_at = time.time()
    tags.remember(["recap:1"], built_at)
    assert freshness.check(built_at, built_at + 60, ["recap:1"], now=built_at + 60) is None
    # A clock set back: a copy from the future is as stale as one past its time.
    assert freshness.check(built_at, built_at + 60, ["recap:1"], now=built_at - 1) is None


def test_a_tag_the_cache_forgot_counts_as_purged():
    built_at = time.time()
    assert freshness.check(built_at, built_at + 60, ["recap:404"]) is None


def test_reads_the_schedule_and_the_generation_when_asked():
    now = time.time()
    tags.remember(["recap:1", tags.RECAPS], now - 10)
    cache.set(schedule.PUBLICATIONS_KEY, (now - 5, now - 100, now + 500), None)
    cache.set(generation.GENERATION_KEY, "token", None)
    current = freshness.check(
        now - 1, now + 60, ["recap:1"], now, with_schedule=True, with_generation=True
    )
    assert current.schedule == (now - 100, now + 500)
    assert current.generation == "token"
    assert set(current.versions) == {"recap:1"}
    assert freshness.check(now - 1, now + 60, ["recap:1"], now).schedule is None
