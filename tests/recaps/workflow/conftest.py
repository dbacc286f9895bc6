"""Fixtures for the editorial workflow: one user per role (in the groups `recaps.roles` keeps),
and recaps that pass every pre-publish check unless a test spoils them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from reversion.revisions import create_revision, set_user

from demo.factories import make_episode, make_still
from recaps.models import Recap

META = (
    "Ha-neul plays the song at last, and Su-ho hears it from the street: the episode where the "
    "soundtrack finally lands."
)


def make_member(django_user_model, username, group=None):
    """Staff in `group`, with a name to sign recaps with (the pre-publish checks want one)."""
    user = django_user_model.objects.create_user(
        username=username,
        password="pw",
        is_staff=True,
        email=f"{username}@example.com",
        first_name=username.title(),
        last_name="Park",
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def users(db, django_user_model):
    return {
        "writer": make_member(django_user_model, "wren", "Writers"),
        "other_writer": make_member(django_user_model, "otto", "Writers"),
        "editor": make_member(django_user_model, "edie", "Editors"),
        "moderator": make_member(django_user_model, "mo", "Moderators"),
    }


@pytest.fixture
def episodes(soundtrack):
    return {number: make_episode(soundtrack, number) for number in range(1, 7)}


_slugs = iter(range(1, 10_000))


def make_ready_recap(episode, author, status=Recap.Status.DRAFT, published_at=None, **fields):
    """A recap that passes every pre-publish check (hero still with alt text, review, lengths,
    tags, verdict), saved as one revision."""
    n = next(_slugs)
    fields.setdefault("subtitle", f"The song in the rain, take {n}")
    fields.setdefault("slug", f"soundtrack-2-episode-{episode.number}-take-{n}")
    fields.setdefault("intro", "<p>Last time, the band fell apart.</p>")
    fields.setdefault("body", "<p>The band meets again.</p><p>Su-ho sings.</p>")
    fields.setdefault("review", "<p>The best episode so far.</p>")
    fields.setdefault("verdict", "A quiet triumph.")
    fields.setdefault("meta_description", META)
    with create_revision():
        set_user(author)
        recap = Recap.objects.create(
            episode=episode, author=author, status=status, published_at=published_at, **fields
        )
        make_still(recap, is_hero=True, alt_text="Su-ho at the microphone").save()
        recap.tags.set(["k-drama", "music"])
    return recap


def published(episode, author, hours_ago=1, **fields):
    return make_ready_recap(
        episode,
        author,
        status=Recap.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        **fields,
    )


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
