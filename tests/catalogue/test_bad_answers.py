"""Whatever the catalogue answers, the site gives the editor a message and stores nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue import adding
from catalogue.client import CallWindow
from catalogue.models import SyncedValues
from people.models import Credit, Person
from shows.models import Episode, Platform, Show

pytestmark = pytest.mark.django_db
MODELS = (Show, Episode, Person, Credit, Platform, SyncedValues)


def refused(match):
    with pytest.raises(CommandError, match=match) as failure:
        call_command("add_show", "--tvmaze", "1001", stdout=StringIO())
    assert "Nothing was added" in str(failure.value)
    assert [model.objects.count() for model in MODELS] == [0] * len(MODELS)


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("down", "TVmaze could not be reached; try again later."),
        ("slow", "TVmaze did not answer within 1 seconds"),
        ("404", "TVmaze has no such show."),
        ("429", "TVmaze asks us to slow down"),
        ("500", r"TVmaze is having trouble \(it answered 500\)"),
        ("503", r"TVmaze is having trouble \(it answered 503\)"),
        ("malformed", "TVmaze answered with something that is not JSON."),
        ("wrong shape", "TVmaze's answer about show 1001 is not in the shape it documents."),
        ("huge", "TVmaze's answer was larger than 1.0"),
    ],
)
def test_a_failing_catalogue_gives_a_message_and_no_rows(tvmaze, fault, message):
    tvmaze.fault = fault
    refused(message)


def test_a_429_is_asked_again_as_many_times_as_set(tvmaze, settings):
    settings.CATALOGUE_RATE_LIMIT_RETRIES = 2
    tvmaze.fault = "429"
    refused("slow down")  # every attempt refused: a message
    assert sum("/shows/1001?" in path for path in tvmaze.requests) == 3


def test_an_episode_without_a_number_refuses_the_show(tvmaze):
    tvmaze.shows[1001]["show"]["_embedded"]["episodes"][2]["number"] = None
    refused(r"lists an episode of season 1 without a number \(“Track 3”\)")


def test_a_special_without_a_number_is_left_out_and_said(tvmaze):
    tvmaze.shows[1001]["show"]["_embedded"]["episodes"].append(
        dict(
            tvmaze.shows[1001]["show"]["_embedded"]["episodes"][0],
            id=9099,
            number=None,
            type="significant_special",
            name="Behind the Music",
        )
    )
    call_command("add_show", "--tvmaze", "1001", stdout=StringIO())
    assert Episode.objects.count() == 6


def test_a_poster_on_another_host_is_refused(tvmaze):
    tvmaze.shows[1001]["show"]["image"] = {"original": "http://images.example.net/p.png"}
    refused("the poster was not fetched: http://images.example.net/p.png is not on")


def test_a_photo_on_a_private_address_is_refused_even_on_the_image_host(tvmaze, settings):
    settings.CATALOGUE_TRUST_TEST_IMAGES = False
    settings.CATALOGUE_TVMAZE_IMAGE_ORIGINS = [tvmaze.url]
    refused("leads to 127.0.0.1, which is not on the public internet")


def test_a_poster_that_is_not_an_image_is_refused(tvmaze):
    tvmaze.images["/images/poster-1001.png"] = b"<html><script>alert(1)</script></html>"
    refused("The poster is not an image we can use: Upload a JPEG, PNG, WebP or GIF image")


def test_a_failure_after_the_images_were_stored_leaves_no_file(tvmaze, monkeypatch, tmp_path):
    def fail(*args):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(adding, "_write_credits", fail)
    with pytest.raises(RuntimeError):
        call_command("add_show", "--tvmaze", "1001", stdout=StringIO())
    assert Show.objects.count() == Person.objects.count() == 0
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_overlong_names_are_cut_to_fit(tvmaze):
    tvmaze.shows[1001]["show"]["_embedded"]["cast"][2]["person"]["name"] = "D" * 300
    tvmaze.shows[1001]["show"]["_embedded"]["episodes"][0]["name"] = "T" * 300
    call_command("add_show", "--tvmaze", "1001", stdout=StringIO())
    assert len(Person.objects.get(catalogue_id="TVmaze:303").name) == 200
    assert len(Episode.objects.get(number=1).title) == 200


def test_the_call_window_spaces_calls_out():
    window = CallWindow(limit=lambda: 2, seconds=0.2)
    import time

    started = time.monotonic()
    for _ in range(5):
        window.wait_turn()
    assert 0.4 <= time.monotonic() - started < 1
