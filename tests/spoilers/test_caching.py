"""Readers without a mark get the pages everyone gets, shared through caches; a reader with a
preference cookie gets a private page that no shared cache stores or serves to others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recaps.models import Recap

from .conftest import html, signed


def reader_pages(series):
    return [
        reverse("recaps:home"),
        series["show"].get_absolute_url(),
        reverse("recaps:tag", args=["k-drama"]),
        reverse("search:results") + "?q=Soundtrack",
        series["people"][0].get_absolute_url(),
    ]


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def test_recap_page_without_the_cookie_is_the_recap(client, series):
    response = client.get(series["recaps"][5].get_absolute_url())
    page = html(response)
    assert series["recaps"][5].headline in page
    assert "recap hidden" not in page and "spoiler warning" not in page
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "cookie", [("watched", signed("1:1")), ("theme", "dark"), ("rated", "anything")]
)
def test_any_preference_cookie_makes_the_page_private(client, series, cookie):
    client.cookies[cookie[0]] = cookie[1]
    response = client.get(series["show"].get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "cookie" in vary(response)


def test_other_cookies_keep_the_page_shared(client, series):
    client.cookies["analytics"] = "1"
    response = client.get(series["show"].get_absolute_url())
    assert "private" not in response.get("Cache-Control", "")


def test_feeds_are_not_personal(client, series, watch):
    watch(series["show"], 1)
    response = client.get(reverse("feeds:rss"))
    assert "Chapter 5" in html(response)
    assert "private" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "value",
    [
        "1:1",  # not signed
        "garbage",
        lambda pk: signed(f"{pk}:1")[:-2] + "xx",  # tampered signature
        lambda pk: signed(f"{pk}:1").replace(f"{pk}:1", f"{pk}:2", 1),  # tampered value
        lambda pk: signed("1:x_<script>"),  # signed but not what we write
        lambda pk: "x" * 4000,
    ],
)
def test_a_hostile_cookie_is_no_marks(client, series, value):
    pk = series["show"].pk
    client.cookies["watched"] = value(pk) if callable(value) else value
    for url in [reverse("recaps:home"), series["recaps"][5].get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert "recap hidden" not in html(response) and "spoiler warning" not in html(response)


@pytest.mark.parametrize("page", ["home", "hub"])
def test_page_cache_keeps_marked_and_unmarked_readers_apart(client_class, series, page):
    url = reverse("recaps:home") if page == "home" else series["show"].get_absolute_url()
    anonymous, another, marked = client_class(), client_class(), client_class()
    marked.cookies["watched"] = signed(f"{series['show'].pk}:2")

    # A marked reader first: their page is masked, and kept for their mark only.
    assert "recap hidden" in html(marked.get(url))
    first = anonymous.get(url)
    assert "recap hidden" not in html(first)
    assert "public" in first["Cache-Control"]

    # The unmarked page is kept and shared: a change made behind the signals is not seen.
    # (The home page shows recap subtitles, the hub episode titles: change both.)
    Recap.objects.filter(pk=series["recaps"][1].pk).update(subtitle="Changed behind the cache")
    series["show"].episodes.filter(number=1).update(title="Changed behind the cache")
    shared = another.get(url)
    assert shared.content == first.content

    # The marked reader never gets that copy, and the cookie-less reader never a marked one.
    again = marked.get(url)
    assert "recap hidden" in html(again)
    assert "private" in again["Cache-Control"]
    assert "recap hidden" not in html(anonymous.get(url))


@pytest.fixture
def client_class(client):
    return type(client)


def count_queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_masking_costs_no_query(client, series, client_class):
    marked = client_class()
    marked.cookies["watched"] = signed(f"{series['show'].pk}:2")
    urls = [
        *reader_pages(series),
        series["recaps"][2].get_absolute_url(),
        series["recaps"][5].get_absolute_url() + "?spoilers=show",
    ]
    for url in urls:
        assert count_queries(marked, url) == count_queries(client, url), url
    # The masking did happen on those pages.
    assert "recap hidden" in html(marked.get(reverse("recaps:home")))
