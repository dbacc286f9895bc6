"""Where readers meet a recap's text: spoilers are collapsed on the recap page and absent from
every summary (cards, meta description, JSON-LD, feeds, search) and from the search index."""

import re

import pytest
from django.db import connection

from demo import factories
from search import fts

SECRET = "Yeon-woo"  # a name that appears only inside the spoilers below
INTRO = (
    "<p>Previously, the band broke up.</p>"
    f'<p class="spoiler">In the finale {SECRET} rejoins them.</p>'
    "<p>Tonight they meet again.</p>"
)
BODY = f'<p>A quiet hour.</p><p class="spoiler">{SECRET} was the songwriter all along.</p>'
with_search_index = pytest.mark.skipif(
    connection.vendor != "postgresql"
    and not (connection.vendor == "sqlite" and fts.sqlite_has_fts5()),
    reason="a stored search index exists on PostgreSQL and on SQLite with FTS5",
)


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(username="writer", password="x")


@pytest.fixture
def recap(soundtrack, author):
    return factories.recap(soundtrack, 1, author, intro=INTRO, body=BODY, meta_description="")


def outside_details(html):
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_recap_page_shows_each_spoiler_collapsed_and_nowhere_else(client, recap):
    html = client.get(recap.get_absolute_url()).content.decode()

    assert html.count('<details class="spoiler"><summary>Spoiler — show</summary>') == 2
    assert f"<p>In the finale {SECRET} rejoins them.</p></details>" in html
    assert SECRET not in outside_details(html)


def test_meta_description_and_json_ld_leave_spoilers_out(client, recap):
    html = client.get(recap.get_absolute_url()).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)

    assert description.startswith("Previously, the band broke up.")
    assert "Tonight they meet again." in description
    # The only place the name may appear is inside the collapsed blocks.
    assert SECRET not in outside_details(html)


def test_recap_card_excerpt_leaves_spoilers_out(client, recap):
    html = client.get("/").content.decode()

    assert "Previously, the band broke up." in html
    assert SECRET not in html


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/shows/soundtrack-2/rss/"])
def test_feed_items_leave_spoilers_out(client, recap, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()

    assert "Tonight they meet again." in text
    assert SECRET not in text


def test_feed_falls_back_to_the_body_without_its_spoilers(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, intro="", body=BODY, meta_description="")
    text = client.get("/feeds/rss/").content.decode()

    assert "A quiet hour." in text
    assert SECRET not in text


def test_search_excerpt_of_a_found_recap_leaves_spoilers_out(client, recap):
    html = client.get("/search/", {"q": "quiet hour"}).content.decode()

    assert "soundtrack-2-episode-1" in html
    assert SECRET not in html


@with_search_index
def test_spoiler_words_are_not_indexed_so_search_cannot_spoil(client, recap):
    found = client.get("/search/", {"q": SECRET}).context["recaps"]

    assert list(found) == []
