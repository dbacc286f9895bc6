import pytest
from django.urls import reverse

from demo.factories import make_episode, make_recap, make_show
from ratings.models import EpisodeVote

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def show(db):
    return make_show(title="Soundtrack #2", slug="soundtrack-2")


@pytest.fixture
def recap(show):
    return make_recap(make_episode(show, 1), subtitle="The Song", slug="soundtrack-2-episode-1")


def vote_url(episode_pk):
    return reverse("ratings:vote", args=[episode_pk])


@pytest.fixture
def vote(client):
    """Post the recap page's rating form as a browser on this site would."""

    def send(episode_pk, score, headers=SAME_ORIGIN, **data):
        fields = {"score": score, **data} if score is not None else data
        return client.post(vote_url(episode_pk), fields, headers=headers)

    return send


def add_votes(episode, *scores):
    EpisodeVote.objects.bulk_create(EpisodeVote(episode=episode, score=s) for s in scores)
