"""Tag versions: what was built before a purge of one of its tags is stale; an evicted version
counts as stale; a purge decided for later takes effect then; fragments follow the same rule."""

import time

import pytest
from django.core.cache import cache

from pagecache import tags


@pytest.fixture
def counter():
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    build.calls = calls
    return build


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


def test_fragments_are_kept_until_a_tag_is_purged(counter, db):
    assert tags.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 1
    assert tags.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 1
    assert tags.cached_fragment("facts", ["show:1"], counter, key_parts=(2,)) == 2
    tags.purge(["show:1"])
    assert tags.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 3
    assert len(counter.calls) == 3
