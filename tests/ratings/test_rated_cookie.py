"""The `rated` cookie's format, read without a database."""

from http.cookies import SimpleCookie

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from ratings import rated_cookie
from ratings.queries import ReaderRating


def test_round_trip_keeps_order_and_scores():
    rated = {12: 8, 3: 10, 4567: 1}
    assert rated_cookie.parse(rated_cookie.serialize(rated)) == rated
    assert list(rated_cookie.parse(rated_cookie.serialize(rated))) == [12, 3, 4567]


@pytest.mark.parametrize(
    "value",
    ["12:11", "12:0", "0:5", "12", "12:8.x", "12:8.", "-1:5", "12:8,13:9", "١٢:8", "1" * 20 + ":5"],
)
def test_any_malformed_entry_makes_the_whole_cookie_empty(value):
    assert rated_cookie.parse(value) == {}


def test_empty_is_empty():
    assert rated_cookie.parse("") == {}


def test_only_the_most_recent_episodes_are_kept():
    rated = dict.fromkeys(range(1, rated_cookie.MAX_EPISODES + 51), 7)
    kept = rated_cookie.parse(rated_cookie.serialize(rated))
    assert len(kept) == rated_cookie.MAX_EPISODES
    assert min(kept) == 51 and max(kept) == rated_cookie.MAX_EPISODES + 50


def test_rating_again_moves_the_episode_to_the_most_recent_end():
    request = RequestFactory().post("/")
    response = HttpResponse()
    rated_cookie.remember(request, response, {5: 3, 6: 4}, 5, 9)
    request.COOKIES[rated_cookie.COOKIE_NAME] = response.cookies[rated_cookie.COOKIE_NAME].value
    assert list(rated_cookie.read(request).items()) == [(6, 4), (5, 9)]


def test_a_full_cookie_of_large_episode_numbers_fits_a_browser(settings):
    """Browsers keep at most 4,096 bytes of name and value in one cookie."""
    rated = {9_000_000 + n: 10 for n in range(rated_cookie.MAX_EPISODES)}
    request = RequestFactory().post("/")
    response = HttpResponse()
    rated_cookie.remember(request, response, rated, 9_999_999, 10)
    header = response.cookies[rated_cookie.COOKIE_NAME].OutputString()
    name_and_value = header.split(";")[0]
    assert len(name_and_value.encode()) < 4096
    # Sent back as it was set: no quoting of the separators.
    sent_back = SimpleCookie()
    sent_back.load(name_and_value)
    request.COOKIES[rated_cookie.COOKIE_NAME] = sent_back[rated_cookie.COOKIE_NAME].value
    assert len(rated_cookie.read(request)) == rated_cookie.MAX_EPISODES


@pytest.mark.parametrize(
    ("average", "count", "summary"),
    [
        (None, 0, "No reader ratings yet"),
        (7.25, 4, "7.3 from 4 readers"),
        (7.75, 4, "7.8 from 4 readers"),
        (94 / 12, 12, "7.8 from 12 readers"),
        (10, 1, "10.0 from 1 reader"),
        (1.0, 2, "1.0 from 2 readers"),
    ],
)
def test_summary_sentence(average, count, summary):
    assert ReaderRating(average, count).summary == summary
