"""Ratings cost reader pages no query: the average and count ride on a query of episodes the page
runs anyway (the recap page's previous/this/next episodes, joined to their votes; the hub's
episode guide, as subqueries), and "You rated" comes from the cookie.
The vote itself is three queries: the published recap of the episode, the insert, and the
check that the recap the answer sends the reader back to is one readers may see (every redirect
has it: recaps.middleware)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.bulk import build_large_dataset
from demo.factories import make_episode, make_recap
from ratings.models import EpisodeVote
from ratings.views import VOTES_PER_MINUTE
from tests.reader.test_query_budgets import BUDGET

from .conftest import add_votes

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", ["recap", "hub"])
def test_ratings_add_no_query_to_reader_pages(client, show, recap, vote, page):
    for number in range(2, 6):
        make_recap(make_episode(show, number))
    url = recap.get_absolute_url() if page == "recap" else show.get_absolute_url()
    before = queries_for(client, url)

    for episode in show.episodes.all():
        add_votes(episode, 4, 8, 9)
    vote(recap.episode_id, "7")  # and this browser's cookie says it rated
    after = queries_for(client, url)

    assert len(after) == len(before)
    reading_votes = [sql for sql in after if "ratings_episodevote" in sql]
    assert len(reading_votes) == 1
    assert 'FROM "shows_episode"' in reading_votes[0]


def test_a_vote_is_three_queries(recap, vote, django_assert_num_queries):
    with django_assert_num_queries(3):
        assert vote(recap.episode_id, "7").status_code == 303


def test_a_refused_flood_is_no_query(recap, vote, django_assert_num_queries):
    for _ in range(VOTES_PER_MINUTE):
        vote(recap.episode_id, "0")
    with django_assert_num_queries(0):
        assert vote(recap.episode_id, "7").status_code == 429


def test_rated_pages_of_the_large_dataset_stay_within_the_reader_budget(
    client, django_assert_max_num_queries
):
    """The dataset of tests/reader/test_query_budgets.py with votes on every episode."""
    big = build_large_dataset()
    EpisodeVote.objects.bulk_create(
        EpisodeVote(episode_id=recap.episode_id, score=1 + n % 10)
        for n, recap in enumerate(big["recaps"])
        for _ in range(3)
    )
    for url in (big["recaps"][0].get_absolute_url(), big["show"].get_absolute_url()):
        cache.clear()
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url)
        assert b" from 3 readers" in response.content
