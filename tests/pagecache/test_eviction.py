"""The cache may forget anything (Redis under `maxmemory-policy allkeys-lru`, local memory past
MAX_ENTRIES): what it forgets is rebuilt, and a forgotten tag version or purge generation never
lets a page built before a purge be served again."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

from pagecache import generation, tags

from .conftest import cache_tags, html, page_cache


def forget(response):
    """What eviction may take after a purge: the page's tag versions and the purge generation."""
    cache.delete_many(
        [*(tags.VERSION_PREFIX + name for name in cache_tags(response)), generation.GENERATION_KEY]
    )


def test_a_purge_the_cache_forgot_never_brings_the_old_page_back(reader, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    stored = reader.get(url)
    recap.subtitle = "Rewritten after the page was stored"
    recap.save()
    forget(stored)

    response = reader.get(url)

    assert "Rewritten after the page was stored" in html(response)
    assert page_cache(response) == "miss"
    # Stored again: at once, or on the next build (the publication schedule, read again, makes
    # the "recaps" tag known from after the first rebuilt page began).
    assert "hit" in [page_cache(reader.get(url)) for _ in range(3)]


def test_local_memory_holds_no_more_than_max_entries_and_stays_right(reader, series, monkeypatch):
    backend = caches["default"]
    if not isinstance(backend, LocMemCache):
        pytest.skip("Redis evicts by its own maxmemory policy")
    monkeypatch.setattr(backend, "_max_entries", 40)
    recap = series["recap"]
    pages = [
        recap.get_absolute_url(),
        series["show"].get_absolute_url(),
        *(person.get_absolute_url() for person in series["people"]),
        *(other.get_absolute_url() for other in series["recaps"].values()),
        "/",
        "/shows/",
        "/tags/k-drama/",
    ]
    for url in pages * 2:
        assert reader.get(url).status_code == 200
        assert len(backend._cache) <= 40
    recap.subtitle = "Seen on every page that shows it"
    recap.save()
    for url in (recap.get_absolute_url(), "/", "/tags/k-drama/"):
        assert "Seen on every page that shows it" in html(reader.get(url)), url
