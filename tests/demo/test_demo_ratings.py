"""The demo's reader ratings: shown on the recap and the hub, loaded once however often the
command runs, and refused outside development."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ratings.models import EpisodeVote

pytestmark = pytest.mark.django_db


def test_demo_ratings_are_loaded_once_and_shown(demo_content, client):
    call_command("load_demo_ratings", force=True, verbosity=0)
    call_command("load_demo_ratings", force=True, verbosity=0)

    assert EpisodeVote.objects.count() == 36
    recap = client.get("/recaps/soundtrack-2-episode-4-recap-review/").content.decode()
    assert "9.3 from 8 readers" in recap
    hub = client.get("/shows/soundtrack-2/").content.decode()
    assert "7.6 from 7 readers" in hub


def test_demo_ratings_need_development_mode(db):
    with pytest.raises(CommandError, match="development"):
        call_command("load_demo_ratings", verbosity=0)
