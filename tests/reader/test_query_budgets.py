"""Every reader page runs a fixed number of SQL queries, whatever the data size.

The dataset: 5 shows × 40 episodes = 200 published recaps, each with 10 stills (three
sections, one hero) and 10 tags, 30 credits per show over people shared between shows, editor's
picks, a draft and a future-scheduled recap."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.bulk import build_large_dataset

# Ten for the page itself, one for the publication schedule (the last and the next publish
# time) that caching headers read on a cold cache: it is kept until a publication changes.
BUDGET = 11


@pytest.fixture
def big(db):
    cache.clear()
    return build_large_dataset()


def assert_page_within_budget(client, url, django_assert_max_num_queries, budget=BUDGET):
    # A cold cache (site settings not cached yet) is the worst case; measure that.
    cache.clear()
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    print(f"QUERIES {url} {len(captured)}")  # noqa: T201 - read with `pytest -s`
    return response, captured


def test_recap_page_query_budget(client, big, django_assert_max_num_queries):
    """Recap page: the recap with episode, show and author; platforms; tags; stills; the
    show's credits and each person's other credits (facts box); neighbouring episodes with
    their published recaps; editor's picks; recaps of shows sharing cast; site settings."""
    recap = big["recaps"][0]
    response, _ = assert_page_within_budget(
        client, recap.get_absolute_url(), django_assert_max_num_queries
    )
    assert response.content.count(b"<figure") == 10
    assert response.content.count(b'href="/tags/') == 10


def test_show_hub_query_budget(client, big, django_assert_max_num_queries):
    """Show hub: the show with its earlier season; platforms; later seasons; credits and the
    cast's other credits; episodes with their published recaps; site settings."""
    response, _ = assert_page_within_budget(
        client, big["show"].get_absolute_url(), django_assert_max_num_queries
    )
    assert response.content.count(b"Read the recap") == 40
    assert response.content.count(b'class="cast__member"') == 30


def test_home_query_budget(client, big, django_assert_max_num_queries):
    """Home: count and page of published recaps with show, episode and author; their hero
    stills; shows airing now; site settings."""
    response, _ = assert_page_within_budget(
        client, reverse("recaps:home"), django_assert_max_num_queries
    )
    assert response.content.count(b'class="card"') == 20


def test_home_later_page_query_budget(client, big, django_assert_max_num_queries):
    """A later page of the home list costs the same as the first."""
    assert_page_within_budget(
        client, reverse("recaps:home") + "?page=5", django_assert_max_num_queries
    )


def test_shows_index_query_budget(client, big, django_assert_max_num_queries):
    """Shows index: count, the page of shows, their platforms, site settings."""
    response, _ = assert_page_within_budget(
        client, reverse("shows:list"), django_assert_max_num_queries
    )
    assert response.content.count(b'class="show-tile"') == 5


def test_person_page_query_budget(client, big, django_assert_max_num_queries):
    """Person page: the person; their credits with shows; count and page of the published
    recaps of those shows; the cards of that page and their hero stills; site settings."""
    person = big["people"][5]
    response, _ = assert_page_within_budget(
        client, person.get_absolute_url(), django_assert_max_num_queries
    )
    assert response.content.count(b'class="card"') == 12


def person_page_queries(client, person):
    """The queries of a person's page on a cold cache, and once it is kept (page cache off)."""
    url = person.get_absolute_url()
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    # A cold page also learns the publication schedule, after it began: what it kept that
    # depends on publications counts as older than that and is built once more.
    client.get(url)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).status_code == 200
    return len(cold), len(kept)


def test_person_page_queries_do_not_grow_with_credits_or_recaps(client, big, settings):
    """A person in one show (40 recaps) and one in all five (5 credits, 200 recaps) cost the
    same queries: on a cold cache within the budget, and none once the page is kept."""
    settings.PAGE_CACHE_ENABLED = False
    one, many = big["people"][0], big["people"][10]
    assert (one.credits.count(), many.credits.count()) == (1, 5)
    cold_one, kept_one = person_page_queries(client, one)
    cold_many, kept_many = person_page_queries(client, many)
    assert cold_one == cold_many <= BUDGET
    assert kept_one == kept_many == 0


def test_tag_page_query_budget(client, big, django_assert_max_num_queries):
    """Tag page: the tag; count and page of its published recaps; their hero stills; site
    settings."""
    response, _ = assert_page_within_budget(
        client, reverse("recaps:tag", args=[big["tag"].slug]), django_assert_max_num_queries
    )
    assert response.content.count(b'class="card"') == 20


@pytest.mark.parametrize("name", ["recap", "hub", "home", "shows", "person", "tag"])
def test_other_objects_of_each_kind_stay_within_budget(
    client, big, django_assert_max_num_queries, name
):
    """Another recap, show, page, person and tag than the tests above: the budget does not
    depend on which object is shown."""
    urls = {
        "recap": big["recap"].get_absolute_url(),
        "hub": big["shows"][1].get_absolute_url(),
        "home": reverse("recaps:home") + "?page=2",
        "shows": reverse("shows:list"),
        "person": big["people"][0].get_absolute_url(),
        "tag": reverse("recaps:tag", args=["topic-3"]),
    }
    assert_page_within_budget(client, urls[name], django_assert_max_num_queries)
