"""Each endpoint runs a fixed number of queries whatever the page holds: measured on 200
recaps with 10 stills and 10 tags each, 30 credits per show (see reader's budgets)."""

import pytest
from django.core.cache import cache

from demo.bulk import build_large_dataset


@pytest.fixture
def big(db):
    return build_large_dataset()


# (address, budget, what the queries are)
BUDGETS = [
    # recaps with comment counts, heroes, tags; the publication schedule (headers)
    ("/api/v1/recaps/?page_size=100", 6),
    # the recap with counts, its stills, its tags; the schedule
    ("/api/v1/recaps/{recap}/", 6),
    # shows, platforms, credits with people, leads' earlier shows; the schedule
    ("/api/v1/shows/?page_size=100", 7),
    # the show, platforms, credits (cast), facts credits, episodes; the schedule
    ("/api/v1/shows/{show}/", 8),
    ("/api/v1/episodes/?page_size=100", 4),
    ("/api/v1/people/?page_size=100", 4),
    ("/api/v1/people/{person}/", 5),
    ("/api/v1/tags/?page_size=100", 4),
]


def test_every_endpoint_runs_a_fixed_number_of_queries(client, big, django_assert_max_num_queries):
    """One dataset for every endpoint (building it is most of the test's time)."""
    recap = big["recaps"][0]
    person = recap.episode.show.credits.first().person
    for address, budget in BUDGETS:
        url = address.format(recap=recap.slug, show=recap.episode.show.slug, person=person.slug)
        cache.clear()
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200, url
        if "page_size=100" in url:
            # Five shows, 200 recaps and episodes, 40 people: an N+1 would show.
            assert len(response.json()["results"]) >= 5, url
