"""Opening a later episode's recap directly: a warning that gives nothing of the recap away."""

import re

import pytest

from .conftest import html, post_mark


@pytest.fixture
def warned(client, series, watch):
    """The reader has watched up to episode 2 and opens episode 3's recap, the richest one:
    hero still, stills in every section, tags, verdict, meta description."""
    watch(series["show"], 2)
    return client.get(series["recap"].get_absolute_url())


def test_warning_says_which_episode_and_which_mark(warned):
    assert warned.status_code == 200
    page = html(warned)
    assert "This recap covers episode 3; you marked episode 2" in page
    assert "Show it anyway" in page and "I've watched it" in page


def test_warning_title_is_neutral(warned):
    title = re.search(r"<title>(.*?)</title>", html(warned), re.S)[1]
    assert title.startswith("Soundtrack #2, Episode 3 — spoiler warning")


def test_warning_has_no_word_of_the_recap(warned, series):
    page = html(warned)
    recap = series["recap"]
    for secret in [
        recap.subtitle,
        recap.headline,
        recap.meta_description,
        recap.verdict,
        "Previously on the show",  # intro
        "A voicemail after the credits",  # bonus track
        "Two people at a piano",  # hero and still alt text
        "Hero caption",
        "Recap still",
        "k-drama",
        "Romance",
        "Mina Park",  # byline
        'id="comments"',
    ]:
        assert secret not in page, secret
    for metadata in ['name="description"', "og:", "twitter:", "application/ld+json", "canonical"]:
        assert metadata not in page, metadata


def test_warning_is_private_and_not_indexed(warned):
    assert warned["X-Robots-Tag"] == "noindex"
    assert "private" in warned["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html(warned)


def test_show_it_anyway_shows_the_recap(client, series, warned):
    response = client.get(series["recap"].get_absolute_url(), {"spoilers": "show"})
    page = html(response)
    assert series["recap"].headline in page
    assert "private" in response["Cache-Control"]


def test_ive_watched_it_moves_the_mark_and_opens_the_recap(client, series, warned):
    recap_url = series["recap"].get_absolute_url()
    form = html(warned).split('action="/spoilers/watched/"')[1].split("</form>")[0]
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    assert fields == {
        "show": str(series["show"].pk),
        "action": "episode",
        "episode": "3",
        "next": recap_url,
    }
    response = client.post("/spoilers/watched/", fields, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response["Location"] == recap_url
    assert series["recap"].headline in html(client.get(recap_url))
    # Episode 5 is still after the new mark.
    assert "This recap covers episode 5; you marked episode 3" in html(
        client.get(series["recaps"][5].get_absolute_url())
    )


def test_earlier_and_current_episodes_are_not_warned(client, series, watch):
    watch(series["show"], 3)
    for number in (1, 2, 3):
        page = html(client.get(series["recaps"][number].get_absolute_url()))
        assert series["recaps"][number].headline in page
        assert "spoiler warning" not in page


def test_other_shows_are_not_warned(client, series, watch):
    watch(series["show"], 1)
    page = html(client.get(series["other_recap"].get_absolute_url()))
    assert series["other_recap"].headline in page


def test_staff_preview_is_never_warned(client, series, watch, editor):
    watch(series["show"], 1)
    client.force_login(editor)
    page = html(client.get(f"/recaps/preview/{series['recap'].pk}/"))
    assert series["recap"].headline in page


def test_seen_it_all_lifts_the_warning(client, series, watch):
    watch(series["show"], 1)
    post_mark(client, series["show"], action="all")
    assert series["recap"].headline in html(client.get(series["recap"].get_absolute_url()))


def test_warning_is_decided_before_the_recap_page_is_built(
    client, series, watch, django_assert_max_num_queries
):
    watch(series["show"], 2)
    # The recap with its prefetches and the site settings; not the cast, neighbours, Also
    # Read or comments the full page would load (10 queries).
    with django_assert_max_num_queries(5):
        response = client.get(series["recaps"][5].get_absolute_url())
    assert "Spoiler warning" in html(response)
