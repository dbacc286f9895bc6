"""RSS and Atom feeds, read as XML the way a feed reader reads them."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from model_bakery import baker

from demo import bulk, factories

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(
        username="writer", first_name="Mina", last_name="Park", password="x"
    )


@pytest.fixture
def published(soundtrack, author):
    recap = factories.recap(
        soundtrack,
        1,
        author,
        subtitle="A Song for <Her> & Him",
        meta_description="Su-ho writes again.",
    )
    recap.tags.add("k-drama", "romance")
    factories.hero_still(recap)
    return recap


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "public" in response["Cache-Control"]
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_site_rss_item_carries_headline_absolute_link_author_tags_and_hero_enclosure(
    client, published
):
    channel, items = rss_items(client, "/feeds/rss/")

    assert channel.findtext("link") == "http://testserver/"
    [item] = items
    assert item.findtext("title") == (
        "Soundtrack #2 Episode 1 Recap and Review: A Song for <Her> & Him"
    )
    assert item.findtext("link") == f"http://testserver{published.get_absolute_url()}"
    assert item.findtext("description") == "Su-ho writes again."
    assert item.findtext("pubDate")
    assert "Mina Park" in item.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + (
        item.findtext("author") or ""
    )
    assert sorted(category.text for category in item.findall("category")) == [
        "k-drama",
        "romance",
    ]
    enclosure = item.find("enclosure")
    hero = published.stills.get()
    assert enclosure.get("url") == f"http://testserver{hero.image.url}"
    assert enclosure.get("length") == str(hero.image.size)
    assert int(enclosure.get("length")) > 0
    assert enclosure.get("type") == "image/png"


def test_site_atom_entry_has_alternate_and_enclosure_links_and_dates(client, published):
    feed, entries = atom_entries(client, "/feeds/atom/")

    assert feed.findtext(f"{ATOM}updated")
    [entry] = entries
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == f"http://testserver{published.get_absolute_url()}"
    enclosure = links["enclosure"]
    assert enclosure.get("href").startswith("http://testserver/media/stills/")
    assert enclosure.get("length") == str(published.stills.get().image.size)
    assert enclosure.get("type") == "image/png"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Mina Park"
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}summary") == "Su-ho writes again."
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"k-drama", "romance"}


def test_description_falls_back_to_the_intro_as_plain_text(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, intro="<p>Eun-su &amp; Su-ho <em>meet</em>.</p>")

    _, [item] = rss_items(client, "/feeds/rss/")

    assert item.findtext("description") == "Eun-su & Su-ho meet."


def test_recap_without_hero_still_or_with_missing_file_has_no_enclosure(client, soundtrack, author):
    factories.recap(soundtrack, 1, author)
    lost = factories.recap(soundtrack, 2, author)
    still = factories.hero_still(lost)
    still.image.storage.delete(still.image.name)

    _, items = rss_items(client, "/feeds/rss/")

    assert len(items) == 2
    assert [item.find("enclosure") for item in items] == [None, None]


def test_drafts_and_scheduled_recaps_are_in_no_feed(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, subtitle="Visible")
    factories.draft(soundtrack, 2, author, subtitle="Draft")
    factories.scheduled(soundtrack, 3, author, subtitle="Scheduled")

    for url in ("/feeds/rss/", "/feeds/shows/soundtrack-2/rss/"):
        _, items = rss_items(client, url)
        assert [item.findtext("title").rsplit(": ", 1)[1] for item in items] == ["Visible"]
    for url in ("/feeds/atom/", "/feeds/shows/soundtrack-2/atom/"):
        _, entries = atom_entries(client, url)
        assert [entry.findtext(f"{ATOM}title").rsplit(": ", 1)[1] for entry in entries] == [
            "Visible"
        ]


def test_scheduled_recap_enters_the_feed_once_its_time_has_come(client, soundtrack, author):
    recap = factories.scheduled(soundtrack, 1, author)
    assert rss_items(client, "/feeds/rss/")[1] == []

    recap.published_at = timezone.now() - timedelta(seconds=1)
    recap.save()

    assert len(rss_items(client, "/feeds/rss/")[1]) == 1


def test_show_feed_lists_only_that_show_newest_first(client, soundtrack, author):
    other = baker.make("shows.Show", title="Other Show", slug="other-show")
    factories.recap(other, 1, author)
    older = factories.recap(soundtrack, 1, author, published_at=timezone.now() - timedelta(days=2))
    newer = factories.recap(soundtrack, 2, author, published_at=timezone.now() - timedelta(days=1))

    channel, items = rss_items(client, "/feeds/shows/soundtrack-2/rss/")

    assert channel.findtext("title") == "Episodic: Soundtrack #2 recaps and reviews"
    assert channel.findtext("link") == "http://testserver/shows/soundtrack-2/"
    assert [item.findtext("link") for item in items] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]


@pytest.mark.parametrize(
    "url", ["/feeds/shows/no-such-show/rss/", "/feeds/shows/no-such-show/atom/"]
)
def test_unknown_show_feed_is_404(client, db, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_feeds_hold_the_latest_30_recaps_in_a_fixed_number_of_queries(
    client, author, django_assert_max_num_queries
):
    """Budget: site (cached after the first request), recaps with show and author, tags,
    hero stills, and the keys of the recaps and shows the feed names in its Cache-Tag; the same
    for 200 recaps with 10 stills and 10 tags each as for one."""
    recaps = bulk.many_recaps(200, author)
    client.get("/feeds/rss/")  # warm the Site and file-size caches

    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/shows/bulk-show-0/rss/"):
        with django_assert_max_num_queries(5):
            response = client.get(url)
        assert response.status_code == 200
    _, items = rss_items(client, "/feeds/rss/")
    assert len(items) == 30
    assert items[0].findtext("link").endswith(recaps[0].get_absolute_url())
    assert all(item.find("enclosure") is not None for item in items)
    assert all(len(item.findall("category")) == 10 for item in items)


def test_autodiscovery_links_for_site_and_show(soundtrack):
    site_only = render_to_string("feeds/links.html")
    with_show = render_to_string("feeds/links.html", {"show": soundtrack})

    assert 'type="application/rss+xml"' in site_only
    assert 'href="/feeds/rss/"' in site_only
    assert 'href="/feeds/atom/"' in site_only
    assert "soundtrack-2" not in site_only
    assert 'href="/feeds/shows/soundtrack-2/rss/"' in with_show
    assert 'href="/feeds/shows/soundtrack-2/atom/"' in with_show
    assert 'title="Soundtrack #2 recaps (RSS)"' in with_show
