"""Posting a rating: the vote flow and every refusal (a readable 4xx page, nothing stored)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.signing import get_cookie_signer
from django.utils import timezone

from demo.factories import make_episode, make_recap
from ratings import rated_cookie
from ratings.models import EpisodeVote
from ratings.views import VOTES_PER_MINUTE
from tests.cross_site import CROSS_SITE_HEADERS

from .conftest import vote_url

pytestmark = pytest.mark.django_db


def test_a_vote_is_stored_and_the_reader_is_sent_back_to_the_recap(client, recap, vote):
    response = vote(recap.episode_id, "8", next=recap.get_absolute_url() + "#reader-rating")

    assert response.status_code == 303
    assert response["Location"] == recap.get_absolute_url() + "#reader-rating"
    assert list(EpisodeVote.objects.values_list("episode", "score")) == [(recap.episode_id, 8)]
    cookie = response.cookies[rated_cookie.COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    page = client.get(recap.get_absolute_url()).content.decode()
    assert "You rated this episode 8" in page
    assert "8.0 from 1 reader" in page
    assert 'name="score"' not in page


def test_without_next_the_reader_goes_back_to_the_recap(recap, vote):
    response = vote(recap.episode_id, "3")
    assert response.status_code == 303
    assert response["Location"] == recap.get_absolute_url() + "#reader-rating"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "relative/path",
        "/" + "a" * 5000,
    ],
)
def test_next_pointing_elsewhere_is_ignored(recap, vote, next_url):
    response = vote(recap.episode_id, "5", next=next_url)
    assert response.status_code == 303
    assert response["Location"] == recap.get_absolute_url() + "#reader-rating"


def test_a_second_vote_from_the_same_browser_is_refused(client, recap, vote):
    vote(recap.episode_id, "8")

    response = vote(recap.episode_id, "2")

    assert response.status_code == 409
    assert "You have already rated this episode" in response.content.decode()
    assert "Your rating of Soundtrack #2 Episode 1 was 8 out of 10" in response.content.decode()
    assert "Nothing was changed" in response.content.decode()
    assert list(EpisodeVote.objects.values_list("score", flat=True)) == [8]
    assert "8.0 from 1 reader" in client.get(recap.get_absolute_url()).content.decode()


def test_rating_one_episode_does_not_block_another(recap, vote):
    other = make_recap(make_episode(recap.episode.show, 2))
    vote(recap.episode_id, "8")

    assert vote(other.episode_id, "6").status_code == 303

    assert EpisodeVote.objects.count() == 2


def test_the_cookie_keeps_every_episode_rated(client, recap, vote):
    other = make_recap(make_episode(recap.episode.show, 2))
    vote(recap.episode_id, "8")
    vote(other.episode_id, "10")

    assert "You rated this episode 8" in client.get(recap.get_absolute_url()).content.decode()
    assert "You rated this episode 10" in client.get(other.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "forged",
    [
        "1:8",  # unsigned
        "tampered",
        "bad-signature-value:1abcde:xyz",
    ],
)
def test_a_tampered_cookie_counts_as_no_cookie(client, recap, vote, forged):
    client.cookies[rated_cookie.COOKIE_NAME] = forged

    page = client.get(recap.get_absolute_url()).content.decode()
    assert "You rated" not in page and 'name="score"' in page
    assert vote(recap.episode_id, "7").status_code == 303
    assert EpisodeVote.objects.count() == 1


def test_a_cookie_signed_for_something_else_counts_as_no_cookie(client, recap, vote):
    # Signed with the site's key but another salt: another cookie's value copied into `rated`.
    client.cookies[rated_cookie.COOKIE_NAME] = get_cookie_signer(
        salt=rated_cookie.COOKIE_NAME + "another-salt"
    ).sign(f"{recap.episode_id}:9")
    assert vote(recap.episode_id, "7").status_code == 303


def test_flooding_from_one_address_is_refused(show, vote):
    recaps = [make_recap(make_episode(show, n)) for n in range(1, VOTES_PER_MINUTE + 2)]
    # The limit counts per clock minute: a run slow enough to cross one (Redis in CI) would
    # split the votes between two counts, so the clock stands still at a minute's start.
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        for recap in recaps[:VOTES_PER_MINUTE]:
            assert vote(recap.episode_id, "6").status_code == 303

        response = vote(recaps[-1].episode_id, "6")

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many ratings at once" in response.content.decode()
    assert EpisodeVote.objects.count() == VOTES_PER_MINUTE


@pytest.mark.parametrize(
    "score",
    [
        "0",
        "11",
        "-1",
        "abc",
        "",
        "7.5",
        "7.0",
        " 7",
        "07",
        "+7",
        "٧",  # Arabic-Indic seven: int() would take it
        "9" * 5000,
        "<script>alert(1)</script>",
        None,  # missing
    ],
)
def test_anything_but_a_whole_number_from_1_to_10_is_refused(recap, vote, score):
    response = vote(recap.episode_id, score)

    assert response.status_code == 400
    page = response.content.decode()
    assert "That is not a rating" in page and "Choose a whole number from 1 to 10" in page
    assert "<script>alert" not in page
    assert not EpisodeVote.objects.exists()
    assert rated_cookie.COOKIE_NAME not in response.cookies


@pytest.mark.parametrize("score", [str(n) for n in range(1, 11)])
def test_every_score_on_the_scale_is_taken(recap, vote, score):
    assert vote(recap.episode_id, score).status_code == 303
    assert EpisodeVote.objects.get().score == int(score)


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_vote_from_another_site_is_refused(recap, vote, headers):
    response = vote(recap.episode_id, "10", headers=headers)

    assert response.status_code == 403
    assert "This form was sent from another site" in response.content.decode()
    assert not EpisodeVote.objects.exists()


def test_episodes_readers_cannot_read_cannot_be_rated(show, vote):
    draft = make_recap(make_episode(show, 1), published=False)
    scheduled = make_recap(make_episode(show, 2), when=timezone.now() + timedelta(days=1))
    without_recap = make_episode(show, 3)

    unknown = (999_999, 2**63, 10**40)
    for episode_pk in (draft.episode_id, scheduled.episode_id, without_recap.pk, *unknown):
        response = vote(episode_pk, "7")
        assert response.status_code == 404
        assert "There is no such episode to rate" in response.content.decode()
    assert not EpisodeVote.objects.exists()


def test_rating_needs_a_post(client, recap):
    assert client.get(vote_url(recap.episode_id)).status_code == 405
    assert not EpisodeVote.objects.exists()


def test_the_refusal_links_back_to_the_recap(recap, vote):
    response = vote(recap.episode_id, "eleven")
    assert f'href="{recap.get_absolute_url()}#reader-rating"' in response.content.decode()
