"""A query string cannot make the page cache grow: a page is kept only under the query its view
built it for (the parameters it reads, with values it accepts, spelled as its own links spell
them); any other query is answered without being stored, and a page number past the last is a
404. Search pages, which readers legitimately vary, are kept within a budget."""

import secrets

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from discussion.threads import THREADS_PER_PAGE
from pagecache import generation
from reader.views.lists import HomeView
from tests.discussion.conftest import make_comment

from .conftest import page_cache

PAGES = {
    "recap": lambda series: series["recap"].get_absolute_url(),
    "home": lambda series: reverse("recaps:home"),
    "hub": lambda series: series["show"].get_absolute_url(),
    "tag": lambda series: reverse("recaps:tag", args=["k-drama"]),
    "person": lambda series: series["people"][0].get_absolute_url(),
    "shows": lambda series: reverse("shows:list"),
    "search": lambda series: reverse("search:results"),
    "sitemap": lambda series: reverse("feeds:sitemap"),
}

SEARCHES = ("Chapter", "Letters", "Chapter 3")


def stored_entries():
    """Entries in the cache: this process's local memory, or this test's Redis database."""
    client = generation.redis_client()
    if client is not None:
        return client.dbsize()
    return len(caches["default"]._cache)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_hundred_random_queries_leave_the_cache_as_it_was(reader, series, page):
    url = PAGES[page](series)
    assert reader.get(url).status_code == 200  # what the page keeps whatever its query
    before = stored_entries()

    for _ in range(100):
        response = reader.get(url, {"q": secrets.token_hex(8)})
        assert response.status_code == 200
        assert page_cache(response) == "bypass"

    assert stored_entries() == before


@pytest.mark.parametrize(
    "page, query",
    [
        ("recap", "page=2"),
        ("recap", "comments=1"),
        ("recap", "comments=-1"),
        ("recap", "comments=abc"),
        ("recap", "comments=99999"),
        ("recap", "spoilers=1"),
        ("recap", "spoilers=%3Cscript%3E"),
        ("recap", "spoilers=show&spoilers=show"),
        ("recap", "spoilers=%73how"),
        ("recap", "posted=12"),
        ("home", "page=1"),
        ("home", "page=01"),
        ("home", "page=last"),
        ("home", "page="),
        ("hub", "page=2"),
        ("tag", "page=1"),
        ("search", "page=2"),
        ("search", "q="),
        ("search", "q=Chapter&page=1"),
        ("search", "q=Chapter%20"),
        ("search", "q=+Chapter"),
        ("search", "q=%43hapter"),
        ("search", "page=1&q=Chapter"),
        ("sitemap", "p=1"),
    ],
)
def test_a_query_the_page_was_not_built_for_is_answered_but_never_stored(
    reader, series, page, query
):
    url = f"{PAGES[page](series)}?{query}"
    for _ in range(2):
        response = reader.get(url)
        assert response.status_code == 200
        assert page_cache(response) == "bypass"


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=-1", "page=999999", "page=4"])
def test_a_page_number_past_the_list_is_a_404_and_never_stored(reader, series, monkeypatch, query):
    monkeypatch.setattr(HomeView, "paginate_by", 2)  # 5 published recaps: pages 1 to 3
    assert reader.get("/").status_code == 200
    before = stored_entries()
    for _ in range(2):
        assert reader.get(f"/?{query}").status_code == 404
    assert stored_entries() == before


def test_the_pages_a_list_links_to_are_stored_and_hit(reader, series, monkeypatch):
    monkeypatch.setattr(HomeView, "paginate_by", 2)
    first = reader.get("/")
    assert 'href="/?page=2"' in first.content.decode()
    for number in (2, 3):
        assert page_cache(reader.get(f"/?page={number}")) == "miss"
        again = reader.get(f"/?page={number}")
        assert page_cache(again) == "hit"
    # Page 2 links back to the first page by its address without a query.
    assert 'rel="prev" href="/"' in reader.get("/?page=2").content.decode()


def test_a_comment_page_that_exists_is_stored_and_one_past_the_last_shows_the_last(reader, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    for n in range(THREADS_PER_PAGE + 1):
        make_comment(recap, comment=f"Thread {n}")
    second = reader.get(url, {"comments": 2})
    assert page_cache(second) == "miss"
    assert page_cache(reader.get(url, {"comments": 2})) == "hit"
    assert "Thread 20" in second.content.decode()
    assert f'rel="prev" href="{url}#comments"' in second.content.decode()

    past = reader.get(url, {"comments": 50})
    assert "Thread 20" in past.content.decode() and "Page 2 of 2" in past.content.decode()
    assert page_cache(past) == "bypass"


def test_show_anyway_is_a_page_of_its_own(reader, series):
    url = series["recaps"][5].get_absolute_url()
    assert page_cache(reader.get(url, {"spoilers": "show"})) == "miss"
    assert page_cache(reader.get(url, {"spoilers": "show"})) == "hit"


def test_searches_that_find_something_are_stored_each_under_its_own_query(reader, series):
    search = reverse("search:results")
    for words in SEARCHES:
        first = reader.get(search, {"q": words})
        assert page_cache(first) == "miss", words
        assert page_cache(reader.get(search, {"q": words})) == "hit", words
    # The form's own spelling of a space ("+") is the one kept.
    assert page_cache(reader.get(f"{search}?q=Chapter+3")) == "hit"


def test_a_search_that_finds_nothing_is_not_stored(reader, series):
    search = reverse("search:results")
    for _ in range(2):
        response = reader.get(search, {"q": "zzyzx"})
        assert "No recaps match" in response.content.decode()
        assert page_cache(response) == "bypass"


def test_search_pages_stored_a_minute_are_bounded(reader, series, settings):
    settings.PAGE_CACHE_SEARCH_PAGES_PER_MINUTE = 2
    search = reverse("search:results")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        answers = [page_cache(reader.get(search, {"q": words})) for words in SEARCHES]
        assert answers == ["miss", "miss", "bypass"]
        # What was stored is still answered, and other pages are not bound by it.
        assert page_cache(reader.get(search, {"q": "Chapter"})) == "hit"
        assert page_cache(reader.get(reverse("recaps:home"))) == "miss"
        clock.shift(60)
        assert page_cache(reader.get(search, {"q": "Chapter 3"})) == "miss"


def test_search_pages_are_kept_as_long_as_shared_caches_keep_them(reader, series, settings):
    settings.PAGE_CACHE_SEARCH_S_MAXAGE = 5
    search = reverse("search:results")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        reader.get(search, {"q": "Chapter"})
        clock.shift(4)
        assert page_cache(reader.get(search, {"q": "Chapter"})) == "hit"
        clock.shift(2)
        assert page_cache(reader.get(search, {"q": "Chapter"})) == "miss"
