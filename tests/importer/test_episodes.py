"""The show and episode a post recaps (importer.episodes), created when missing."""

import pytest

from importer.models import ImportRun
from shows.models import Episode
from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


def test_a_show_named_only_by_the_headline_is_created_and_flagged(imported):
    starfall = recap(105).episode.show
    assert starfall.title == "Starfall Season 2"
    assert recap(105).episode.number == 5
    run = ImportRun.objects.get()
    flagged = {item["title"] for item in run.attention if item["kind"] == "show"}
    assert flagged == {"Moonlit Harbor", "Starfall Season 2", "사운드트랙"}
    assert all("imported: schedule unknown" in item["reason"] for item in run.attention[:1])


def test_two_episode_post_creates_both_episodes(imported):
    scheduled = recap(103)
    assert scheduled.episode.number == 3
    assert Episode.objects.filter(show=scheduled.episode.show, number=4).exists()
