"""Editors see readers' votes and clear an episode's votes; moderators and others cannot."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from demo.factories import make_episode, make_show
from ratings.models import EpisodeVote

from .conftest import add_votes

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:ratings_episodevote_changelist")


@pytest.fixture
def staff(django_user_model):
    def make(username, group=None, permissions=()):
        user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
        if group:
            user.groups.add(Group.objects.get(name=group))
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="ratings", codename__in=permissions)
        )
        return user

    return make


@pytest.fixture
def episodes(show):
    first, second = make_episode(show, 1), make_episode(show, 2)
    add_votes(first, 3, 4, 5)
    add_votes(second, 9, 10)
    return first, second


def clear(client, votes, confirmed=True):
    data = {"action": "clear_episode_ratings", "_selected_action": [vote.pk for vote in votes]}
    if confirmed:
        data["post"] = "yes"
    return client.post(CHANGELIST, data)


def test_editor_sees_votes_filtered_by_show_and_episode(client, staff, show, episodes):
    first, _ = episodes
    make_episode(make_show(), 1).reader_votes.create(score=1)
    client.force_login(staff("ed", group="Editors"))

    by_show = client.get(CHANGELIST, {"episode__show__id__exact": show.pk})
    assert by_show.status_code == 200
    assert by_show.context["cl"].result_count == 5
    assert "?episode=" in by_show.content.decode()  # the episode filter appears for a show

    by_episode = client.get(CHANGELIST, {"episode__show__id__exact": show.pk, "episode": first.pk})
    assert by_episode.context["cl"].result_count == 3


def test_editor_is_asked_before_clearing(client, staff, episodes):
    first, _ = episodes
    client.force_login(staff("ed", group="Editors"))

    response = clear(client, first.reader_votes.all()[:1], confirmed=False)

    assert response.status_code == 200
    assert "Soundtrack #2 Episode 1: 3 votes" in response.content.decode()
    assert EpisodeVote.objects.count() == 5


def test_editor_clears_every_vote_of_the_selected_votes_episode(client, staff, recap, episodes):
    first, second = episodes
    client.force_login(staff("ed", group="Editors"))

    response = clear(client, first.reader_votes.all()[:1])

    assert response.status_code == 302
    assert not first.reader_votes.exists()
    assert second.reader_votes.count() == 2
    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert "Cleared 3 reader votes of 1 episode." in messages
    assert "No reader ratings yet" in client.get(recap.get_absolute_url()).content.decode()


def test_moderator_cannot_see_or_clear_votes(client, staff, episodes):
    first, _ = episodes
    client.force_login(staff("mod", group="Moderators"))

    assert client.get(CHANGELIST).status_code == 403
    assert clear(client, first.reader_votes.all()).status_code == 403
    assert EpisodeVote.objects.count() == 5


def test_clearing_needs_the_delete_permission(client, staff, episodes):
    first, _ = episodes
    client.force_login(staff("viewer", permissions=["view_episodevote"]))

    assert client.get(CHANGELIST).status_code == 200
    clear(client, first.reader_votes.all())

    assert EpisodeVote.objects.count() == 5


def test_nobody_adds_or_edits_a_vote_by_hand(client, editor, episodes):
    client.force_login(editor)
    vote = EpisodeVote.objects.first()

    assert client.get(reverse("admin:ratings_episodevote_add")).status_code == 403
    change = client.post(reverse("admin:ratings_episodevote_change", args=[vote.pk]), {"score": 1})
    assert change.status_code == 403
    assert not EpisodeVote.objects.filter(score=1).exists()
