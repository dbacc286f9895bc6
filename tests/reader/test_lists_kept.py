"""List pages (home, tag, person), the show hub and search keep what is the same for every
reader (cards, guide rows, results, rendered as written and as masked) between requests, with
the page cache off: a request for a kept page reads no card, row or result from the database,
every change that alters them shows on the next request, and each reader still gets their own
spoiler masking."""

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.factories import credit, make_episode, make_recap
from tests.reader.conftest import html
from tests.spoilers.conftest import signed

pytestmark = pytest.mark.usefixtures("no_page_cache")


# Each page, and what it shows of the recap of episode 3 when a reader may read it.
PAGES = {
    "home": (lambda series: reverse("recaps:home"), "Chapter 3"),
    "tag": (lambda series: reverse("recaps:tag", args=["music"]), "Chapter 3"),
    "person": (lambda series: series["people"][0].get_absolute_url(), "Chapter 3"),
    "hub": (lambda series: series["show"].get_absolute_url(), " of episode 3</span></a>"),
}
every_page = pytest.mark.parametrize("page", PAGES)
KEPT_PAGE_QUERIES = {"home": 1, "tag": 1, "person": 0, "hub": 0}
card_pages = pytest.mark.parametrize("page", ["home", "tag", "person"])
MASKED = "Episode 3 — recap hidden"


@pytest.fixture
def tagged(series):
    series["recaps"][3].tags.add("music")
    series["recaps"][2].tags.add("music")
    return series


@every_page
def test_a_kept_page_reads_no_recap_again(client, tagged, page, django_assert_max_num_queries):
    url = PAGES[page][0](tagged)
    first = html(client.get(url))
    # What stays per request: the tag looked up by its address, the shows airing now on
    # home; never the recaps, their stills, the guide's episodes, the person or their credits.
    with django_assert_max_num_queries(KEPT_PAGE_QUERIES[page]) as queries:
        again = html(client.get(url))
    assert again == first
    sql = " ".join(query["sql"] for query in queries)
    # (A tag page looks its tag up among the tags of published recaps: the recaps' table
    # stands in that query, but no column of a card.)
    assert '"subtitle"' not in sql and "recaps_still" not in sql and "shows_episode" not in sql


@card_pages
def test_an_edit_shows_on_the_next_request(client, tagged, page):
    url, recap = PAGES[page][0](tagged), tagged["recaps"][3]
    assert recap.subtitle in html(client.get(url))
    recap.subtitle = "A subtitle written after the page was kept"
    recap.save()
    assert "A subtitle written after the page was kept" in html(client.get(url))


def test_an_episode_edit_shows_on_a_kept_hub(client, tagged):
    url, episode = tagged["show"].get_absolute_url(), tagged["recaps"][3].episode
    html(client.get(url))
    episode.title = "The Rooftop"
    episode.save()
    assert "The Rooftop" in html(client.get(url))


@every_page
def test_unpublishing_takes_a_recap_off_a_kept_page(client, tagged, page):
    url, shown = PAGES[page][0](tagged), PAGES[page][1]
    recap = tagged["recaps"][3]
    assert shown in html(client.get(url))
    recap.status = recap.Status.UNPUBLISHED
    recap.save()
    assert shown not in html(client.get(url))


def test_a_new_recap_joins_a_kept_home_page(client, tagged):
    html(client.get(reverse("recaps:home")))
    draft = tagged["draft"]
    draft.status, draft.published_at = draft.Status.PUBLISHED, timezone.now()
    draft.save()
    assert draft.get_absolute_url() in html(client.get(reverse("recaps:home")))


def test_a_person_edit_shows_on_their_kept_page(client, tagged):
    person = tagged["people"][0]
    html(client.get(person.get_absolute_url()))
    person.description = "Actor and singer"
    person.save()
    assert "Actor and singer" in html(client.get(person.get_absolute_url()))


def test_a_new_credit_brings_its_show_and_recaps_to_a_kept_person_page(client, tagged):
    artist, earlier = tagged["people"][2], tagged["earlier"]
    assert earlier.title not in html(client.get(artist.get_absolute_url()))
    credit(artist, earlier, "Cameo")
    page = html(client.get(artist.get_absolute_url()))
    assert earlier.title in page and tagged["other_recap"].get_absolute_url() in page


def test_a_show_edit_shows_in_a_kept_filmography(client, tagged):
    person, earlier = tagged["people"][0], tagged["earlier"]
    html(client.get(person.get_absolute_url()))
    earlier.title = "Youth of May (2021)"
    earlier.save()
    assert "Youth of May (2021)" in html(client.get(person.get_absolute_url()))


def test_a_kept_person_page_goes_with_its_address(client, tagged):
    person = tagged["people"][0]
    old_url = person.get_absolute_url()
    html(client.get(old_url))
    person.slug = "geum-sae-rok-actor"
    person.save()
    assert client.get(old_url).status_code == 404
    html(client.get(person.get_absolute_url()))
    person.delete()
    assert client.get(person.get_absolute_url()).status_code == 404


@every_page
def test_readers_get_their_own_masking_from_the_same_kept_page(client, tagged, page):
    url, shown = PAGES[page][0](tagged), PAGES[page][1]
    assert shown in html(client.get(url))
    client.cookies["watched"] = signed(f"{tagged['show'].pk}:2")
    masked = html(client.get(url))
    assert shown not in masked and MASKED in masked
    del client.cookies["watched"]
    unmasked = html(client.get(url))
    assert shown in unmasked and MASKED not in unmasked


def test_a_repeated_search_reads_nothing_again_and_sees_a_new_recap(
    client, tagged, django_assert_num_queries
):
    first = html(client.get(reverse("search:results"), {"q": "soundtrack"}))
    with django_assert_num_queries(0):
        assert html(client.get(reverse("search:results"), {"q": "soundtrack"})) == first
    recap = make_recap(make_episode(tagged["show"], 7), subtitle="Found once published")
    assert recap.subtitle in html(client.get(reverse("search:results"), {"q": "soundtrack"}))
