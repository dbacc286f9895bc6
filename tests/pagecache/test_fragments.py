"""Fragments are kept until a tag they show is purged (or SITE, which every fragment shows),
and are found only for the tags asked."""

import pytest

from pagecache import fragments, tags


@pytest.fixture
def counter():
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    build.calls = calls
    return build


def test_fragments_are_kept_until_a_tag_is_purged(counter, db):
    assert fragments.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 1
    assert fragments.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 1
    assert fragments.cached_fragment("facts", ["show:1"], counter, key_parts=(2,)) == 2
    tags.purge(["show:1"])
    assert fragments.cached_fragment("facts", ["show:1"], counter, key_parts=(1,)) == 3
    assert len(counter.calls) == 3


def test_a_purge_of_site_makes_every_fragment_stale(counter, db):
    fragments.cached_fragment("facts", ["show:1"], counter)
    tags.purge([tags.SITE])
    assert fragments.kept_fragment("facts") is None


def test_a_kept_fragment_is_found_only_for_tags_it_shows(counter, db):
    fragments.cached_fragment("facts", ["show:1"], counter, tags_of=lambda value: ["recap:2"])
    assert fragments.kept_fragment("facts", (), ["show:1", "recap:2"]) == 1
    assert fragments.kept_fragment("facts", (), ["show:1", "recap:3"]) is None
