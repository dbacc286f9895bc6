"""Who a recap is by, wherever readers see it (bylines, cards, JSON-LD, feeds): the author's
full name, never their user name, which is half of a staff login. An author without a name
writes as the site's staff, and the pre-publish checks warn."""

import json
import re

import pytest

from demo.factories import make_episode, make_recap, make_show, make_user
from recaps import checks
from sitesettings.models import SiteSettings

pytestmark = pytest.mark.django_db

LOGIN = "hj-kim-admin"


@pytest.fixture
def recap():
    show = make_show(title="Soundtrack #2", slug="soundtrack-2")
    return make_recap(make_episode(show, 1), author=make_user(LOGIN), subtitle="The Song")


def public_places(client, recap):
    """Every public answer that names a recap's author."""
    show = recap.episode.show
    return {
        "recap page": client.get(recap.get_absolute_url()),
        "home": client.get("/"),
        "show hub": client.get(show.get_absolute_url()),
        "search": client.get("/search/", {"q": "Song"}),
        "rss": client.get("/feeds/rss/"),
        "atom": client.get("/feeds/atom/"),
        "show rss": client.get(f"/feeds/shows/{show.slug}/rss/"),
        "show atom": client.get(f"/feeds/shows/{show.slug}/atom/"),
    }


def json_ld_authors(html):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    found = []
    for block in blocks:
        for item in json.loads(block) if block.strip().startswith("[") else [json.loads(block)]:
            for part in (item, item.get("review") or {}):
                if "author" in part:
                    found.append(part["author"]["name"])
    return found


def test_an_author_without_a_name_is_published_as_the_sites_staff(client, recap):
    places = public_places(client, recap)
    for place, response in places.items():
        assert response.status_code == 200, place
        assert LOGIN not in response.content.decode(), place
    page = places["recap page"].content.decode()
    assert 'class="byline__author">Episodic staff<' in page
    assert json_ld_authors(page) == ["Episodic staff", "Episodic staff"]
    assert "By Episodic staff" in places["home"].content.decode()
    for feed in ("atom", "show atom"):
        assert "<author><name>Episodic staff</name></author>" in places[feed].content.decode()
    for feed in ("rss", "show rss"):
        assert ">Episodic staff</dc:creator>" in places[feed].content.decode()


def test_the_staff_byline_follows_the_sites_name(client, recap):
    settings_row = SiteSettings.load()
    settings_row.site_name = "Recap Club"
    settings_row.save()
    assert (
        'class="byline__author">Recap Club staff<'
        in client.get(recap.get_absolute_url()).content.decode()
    )


def test_an_author_with_a_name_is_published_under_it(client, recap):
    recap.author.first_name, recap.author.last_name = "Hye-jin", "Kim"
    recap.author.save()
    places = public_places(client, recap)
    # The show hub and search results do not say who wrote a recap.
    del places["show hub"], places["search"]
    for place, response in places.items():
        assert "Hye-jin Kim" in response.content.decode(), place
        assert LOGIN not in response.content.decode(), place
    assert json_ld_authors(places["recap page"].content.decode()) == ["Hye-jin Kim"] * 2


def test_publishing_a_recap_whose_author_has_no_name_is_warned(recap):
    warning = "The author has no first or last name"
    assert any(warning in text for text in checks.run_for(recap, recap.published_at).warnings)
    recap.author.first_name = "Hye-jin"
    recap.author.save()
    assert not any(warning in text for text in checks.run_for(recap, recap.published_at).warnings)
