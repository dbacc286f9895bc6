"""The publication schedule is kept in the cache until a recap's publication changes (a purge
of RECAPS) or the next publication comes; lifetimes never run past it."""

import time

import pytest
from django.core.cache import cache

from pagecache import schedule, tags


@pytest.fixture
def publication_times(settings):
    calls = []

    def times(moment):
        calls.append(moment)
        return None, None

    settings.PAGE_CACHE_PUBLICATIONS = f"{__name__}.publication_times_now"
    publication_times_now.times = times
    return calls


def publication_times_now(moment):
    return publication_times_now.times(moment)


def test_publications_are_read_once_until_recaps_are_purged(publication_times):
    assert schedule.publications() == (None, None)
    assert schedule.publications() == (None, None)
    assert len(publication_times) == 1
    tags.purge([tags.RECAPS])
    schedule.publications()
    assert len(publication_times) == 2


def test_kept_times_are_not_current_once_the_next_publication_came():
    now = time.time()
    tags.remember([tags.RECAPS], now - 10)
    cache.set(schedule.PUBLICATIONS_KEY, (now - 5, None, now + 100), None)
    found = cache.get_many(list(schedule.KEYS))
    assert schedule.current(found, now) == (None, now + 100)
    assert schedule.current(found, now + 100) is None


def test_until_cuts_a_lifetime_short_at_the_next_publication():
    assert schedule.until(3600, None, 0) == 3600
    assert schedule.until(3600, 60.5, 0) == 60
    assert schedule.until(3600, 10, 20) == 0
