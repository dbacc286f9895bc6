"""The page cache's configuration: local memory keeps pages briefly (a purge reaches only the
process that made it); a release named in the settings keys every page."""

from pagecache import conf


def test_local_memory_keeps_pages_at_most_the_local_seconds(settings):
    # Local memory whatever REDIS_URL says (CI's Redis step runs this file on Redis).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_LOCAL_SECONDS = 10
    assert not conf.is_shared()
    assert conf.page_seconds() == 10


def test_search_pages_are_kept_as_long_as_shared_caches_keep_them(settings):
    settings.PAGE_CACHE_S_MAXAGE = 3600
    settings.PAGE_CACHE_SEARCH_S_MAXAGE = 300
    assert conf.search_s_maxage() == 300


def test_the_release_setting_names_the_release(settings):
    settings.PAGE_CACHE_RELEASE = "2026-12-06"
    conf.release.cache_clear()
    try:
        assert conf.release() == "2026-12-06"
    finally:
        conf.release.cache_clear()
