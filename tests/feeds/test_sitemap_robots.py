"""sitemap.xml and robots.txt, read as a search engine's crawler reads them."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone
from model_bakery import baker

from demo import bulk, factories
from recaps.models import Recap

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(username="writer", password="x")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root}


def test_sitemap_lists_pages_shows_people_and_published_recaps_each_with_lastmod(
    client, soundtrack, author
):
    recap = factories.recap(soundtrack, 1, author)
    person = baker.make("people.Person", name="Geum Sae-rok", slug="geum-sae-rok")

    entries = sitemap_entries(client)

    assert set(entries) == {
        "http://testserver/",
        "http://testserver/shows/",
        "http://testserver/shows/soundtrack-2/",
        f"http://testserver{person.get_absolute_url()}",
        f"http://testserver{recap.get_absolute_url()}",
    }
    assert all(entries.values()), entries
    assert entries[f"http://testserver{recap.get_absolute_url()}"] == (
        recap.updated_at.date().isoformat()
    )


def test_show_lastmod_follows_its_latest_published_recap(client, soundtrack, author):
    long_ago = timezone.now() - timedelta(days=10)
    type(soundtrack).objects.filter(pk=soundtrack.pk).update(updated_at=long_ago)
    recap = factories.recap(soundtrack, 1, author)
    factories.draft(soundtrack, 2, author)  # edited later, but no reader can see it

    entries = sitemap_entries(client)

    assert entries["http://testserver/shows/soundtrack-2/"] == (
        recap.text_modified_at.date().isoformat()
    )


def test_a_recap_lastmod_moves_with_its_text_not_with_any_save(client, soundtrack, author):
    recap = factories.recap(soundtrack, 1, author, published_at=timezone.now() - timedelta(days=9))
    url = f"http://testserver{recap.get_absolute_url()}"
    published_on = recap.published_at.date().isoformat()

    recap.tags.add("k-drama")
    recap.no_follower_alert = True
    recap.save()
    assert sitemap_entries(client)[url] == published_on

    recap.body = "<p>A corrected paragraph.</p>"
    recap.save()
    assert sitemap_entries(client)[url] == timezone.now().date().isoformat()


def test_sitemap_leaves_out_drafts_and_scheduled_recaps(client, soundtrack, author):
    visible = factories.recap(soundtrack, 1, author)
    draft = factories.draft(soundtrack, 2, author)
    scheduled = factories.scheduled(soundtrack, 3, author)

    entries = sitemap_entries(client)

    assert f"http://testserver{visible.get_absolute_url()}" in entries
    assert not any(draft.slug in loc or scheduled.slug in loc for loc in entries)


@pytest.mark.django_db
def test_sitemap_is_a_fixed_number_of_queries_and_then_cached(
    client, author, django_assert_max_num_queries, django_assert_num_queries
):
    """Budget: site, then per section a count and a page (recaps, shows, people), two
    aggregates for the home and shows index lastmod, and the next scheduled publication (which
    bounds the cache); nothing at all once cached."""
    bulk.many_recaps(200, author, stills=1, tags=1)
    baker.make("people.Person", _quantity=30, _fill_optional=["slug"])

    with django_assert_max_num_queries(10):
        response = client.get("/sitemap.xml")
    assert len(ET.fromstring(response.content)) == 2 + 200 + 10 + 30
    assert "s-maxage=3600" in response["Cache-Control"]

    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_allows_all_but_admin_and_search_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_names_an_https_sitemap_behind_a_tls_proxy(client, db):
    response = client.get("/robots.txt", headers={"x-forwarded-proto": "https"})

    assert "Sitemap: https://testserver/sitemap.xml" in response.content.decode()


def test_robots_txt_refuses_post(client, db):
    assert client.post("/robots.txt").status_code == 405


def test_sitemap_cache_ends_when_the_next_scheduled_recap_goes_live(client, soundtrack, author):
    factories.recap(soundtrack, 1, author)
    factories.recap(soundtrack, 2, author, published_at=timezone.now() + timedelta(seconds=120))

    response = client.get("/sitemap.xml")

    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < max_age <= 120
    assert "soundtrack-2-episode-2" not in response.content.decode()


def test_unpublishing_or_publishing_a_recap_shows_in_the_sitemap_at_once(
    client, soundtrack, author
):
    recap = factories.recap(soundtrack, 1, author)
    address = f"http://testserver{recap.get_absolute_url()}"
    assert address in sitemap_entries(client)

    recap.status = Recap.Status.UNPUBLISHED
    recap.save()
    assert address not in sitemap_entries(client)

    recap.status = Recap.Status.PUBLISHED
    recap.save()
    assert address in sitemap_entries(client)
