"""Tag versions: what was built before a purge of one of its tags is stale; an evicted version
counts as stale; a purge decided for later takes effect then."""

import time

from django.core.cache import cache

from pagecache import tags


def test_fresh_until_a_tag_is_purged():
    built_at = time.time()
    tags.remember(["recap:1", "show:2"], built_at)
    assert tags.is_fresh(["recap:1", "show:2"], built_at)
    tags.purge(["show:2"])
    assert not tags.is_fresh(["recap:1", "show:2"], built_at)
    assert tags.is_fresh(["recap:1"], built_at)


def test_a_forgotten_tag_is_stale():
    built_at = time.time()
    tags.remember(["recap:1"], built_at)
    cache.delete(tags.VERSION_PREFIX + "recap:1")
    assert not tags.is_fresh(["recap:1"], built_at)


def test_a_purge_in_the_same_instant_wins():
    now = time.time()
    tags.remember(["recap:1"], now)
    cache.set(tags.VERSION_PREFIX + "recap:1", now)
    assert not tags.is_fresh(["recap:1"], now, now=now)


def test_purge_within_takes_effect_later_and_once():
    now = time.time()
    tags.remember(["ratings:5"], now)
    assert tags.purge_within(["ratings:5"], 60) == {"ratings:5"}
    assert tags.purge_within(["ratings:5"], 60) == set()  # already due: no later purge
    assert tags.is_fresh(["ratings:5"], now, now=now + 30)
    assert not tags.is_fresh(["ratings:5"], now, now=now + 61)


def test_read_takes_other_keys_in_the_same_trip():
    now = time.time()
    tags.remember(["recap:1"], now)
    cache.set("pc:other", "value")
    versions, found = tags.read(["recap:1", "show:404"], ["pc:other"])
    assert versions == {"recap:1": now - 0.001}
    assert found["pc:other"] == "value"
