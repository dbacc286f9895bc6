"""The admin's "Add from the catalogue": search, preview, confirm, as each role and with
hostile input."""

import pytest
from django.contrib.auth.models import Group

from catalogue import client as catalogue_client
from people.models import Person
from shows.models import Episode, Show

pytestmark = pytest.mark.django_db
SEARCH = "/admin/shows/show/catalogue/"


@pytest.fixture
def writer_client(client, django_user_model):
    writer = django_user_model.objects.create_user(username="writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    return client


@pytest.fixture
def editors_client(client, django_user_model):
    editor = django_user_model.objects.create_user(username="ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_the_show_list_offers_the_catalogue_to_editors(tvmaze, editors_client):
    page = editors_client.get("/admin/shows/show/").content.decode()
    assert f'href="{SEARCH}"' in page


def test_writers_who_may_not_add_shows_get_neither_link_nor_views(tvmaze, writer_client):
    page = writer_client.get("/admin/shows/show/").content.decode()
    assert f'href="{SEARCH}"' not in page
    assert writer_client.get(SEARCH, {"q": "Soundtrack"}).status_code == 403
    assert writer_client.post(f"{SEARCH}1001/", {"seasons": [1], "leads": 2}).status_code == 403
    assert Show.objects.count() == 0


def test_search_lists_results_with_poster_platform_year_and_episodes(tvmaze, editors_client):
    page = editors_client.get(SEARCH, {"q": "soundtrack"}).content.decode()
    assert "Soundtrack #2" in page
    assert "Disney+ · 2023 · 6 episodes" in page
    poster = editors_client.get(f"{SEARCH}poster/", {"url": f"{tvmaze.url}/images/poster-1001.png"})
    assert (poster.status_code, poster["Content-Type"]) == (200, "image/png")
    elsewhere = editors_client.get(f"{SEARCH}poster/", {"url": "http://10.0.0.1/x.png"})
    assert elsewhere.status_code == 404


def test_a_refined_search_asks_the_catalogue_once_per_query(tvmaze, editors_client):
    before = catalogue_client.calls["api"]
    editors_client.get(SEARCH, {"q": "soundtrack"})
    asked = catalogue_client.calls["api"] - before
    editors_client.get(SEARCH, {"q": "soundtrack"})
    assert catalogue_client.calls["api"] - before == asked


def test_preview_then_confirm_adds_the_show(tvmaze, editors_client):
    Person.objects.create(name="Demian", slug="demian")
    page = editors_client.get(f"{SEARCH}1001/").content.decode()
    assert "<strong>6 episodes</strong>" in page
    assert "<strong>3 people</strong> (0 already here, reused)" in page
    assert "Same person as" in page
    assert Show.objects.count() == 0  # a preview writes nothing
    response = editors_client.post(
        f"{SEARCH}1001/", {"seasons": ["1"], "leads": "2", "confirmed": ["TVmaze:303"]}
    )
    show = Show.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{show.pk}/change/")
    assert Episode.objects.count() == 6
    assert Person.objects.filter(name="Demian").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"seasons": ["9"], "leads": "2"},
        {"seasons": ["x"], "leads": "2"},
        {"seasons": ["1"], "leads": "-1"},
        {"seasons": ["1"], "leads": "99"},
        {"seasons": ["1"], "leads": "2", "confirmed": ["TVmaze:1"]},
        {"seasons": ["1" * 500], "leads": "<script>"},
    ],
)
def test_hostile_choices_are_form_errors(tvmaze, editors_client, data):
    response = editors_client.post(f"{SEARCH}1001/", data)
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert Show.objects.count() == 0


@pytest.mark.parametrize("query", ["", "x" * 101, "<script>alert(1)</script>", "\u202e\x00"])
def test_hostile_searches_are_answered_without_error(tvmaze, editors_client, query):
    response = editors_client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_a_catalogue_away_is_a_message_not_an_error(tvmaze, editors_client):
    tvmaze.fault = "down"
    page = editors_client.get(SEARCH, {"q": "soundtrack"}).content.decode()
    assert "TVmaze could not be reached; try again later." in page
    response = editors_client.get(f"{SEARCH}1001/", follow=True)
    assert "TVmaze could not be reached" in response.content.decode()
    tvmaze.fault = None
    editors_client.get(f"{SEARCH}1001/")  # kept for the confirmation
    tvmaze.images["/images/poster-1001.png"] = b"not an image"
    response = editors_client.post(f"{SEARCH}1001/", {"seasons": ["1"], "leads": "2"}, follow=True)
    assert "is not an image we can use" in response.content.decode()
    assert "Nothing was added." in response.content.decode()
    assert Show.objects.count() == 0


def test_with_redis_away_searching_and_adding_still_work(tvmaze, editors_client, settings):
    from config.settings import redis_cache
    from core import cache as redis_backend
    from deploy.nginx import free_port

    redis_backend._breakers.clear()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}
    assert "Soundtrack #2" in editors_client.get(SEARCH, {"q": "sound"}).content.decode()
    response = editors_client.post(f"{SEARCH}1001/", {"seasons": ["1"], "leads": "2"})
    assert response.status_code == 302
    assert Show.objects.get().episodes.count() == 6
