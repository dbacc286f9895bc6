"""The built-in page cache: a second reader gets the stored page, and every change that alters
a page shows on the next request (each event purges the tags of what it changed)."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from discussion.admin import set_status
from discussion.models import Moderation
from pagecache import tags
from recaps.models import Recap
from tests.spoilers.conftest import signed

from .conftest import html, page_cache


def cached(client, url):
    """Ask twice: the second answer must come from the page cache."""
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert page_cache(second) == "hit", url
    assert second.content == first.content
    return second


def test_readers_without_cookies_share_one_stored_page(reader, another_reader, series):
    url = series["recap"].get_absolute_url()
    first = reader.get(url)
    assert page_cache(first) == "miss"
    shared = another_reader.get(url)
    assert page_cache(shared) == "hit"
    assert shared.content == first.content
    assert shared["ETag"] == first["ETag"]


def test_a_hit_runs_no_query(reader, series, django_assert_num_queries):
    url = series["recap"].get_absolute_url()
    reader.get(url)
    with django_assert_num_queries(0):
        assert page_cache(reader.get(url)) == "hit"


def test_the_page_cache_can_be_switched_off(reader, series, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = series["recap"].get_absolute_url()
    reader.get(url)
    response = reader.get(url)
    assert page_cache(response) == "bypass"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("query", ["?utm_source=x", "?page=1&fbclid=2", "?x=" + "y" * 400])
def test_unknown_query_strings_are_never_served_from_or_stored_in_the_cache(reader, series, query):
    url = reverse("recaps:home")
    cached(reader, url)
    response = reader.get(url + query)
    assert page_cache(response) == "bypass"
    assert page_cache(reader.get(url + query)) == "bypass"


def test_query_parameters_readers_use_are_their_own_pages(reader, series):
    url = series["recaps"][5].get_absolute_url()
    cached(reader, url)
    assert page_cache(reader.get(url + "?spoilers=show")) == "miss"
    assert page_cache(reader.get(reverse("search:results") + "?q=Chapter")) == "miss"
    assert page_cache(reader.get(reverse("search:results") + "?q=Letters")) == "miss"


def test_staff_and_readers_with_a_session_bypass_the_cache(admin_client, reader, series):
    url = series["recap"].get_absolute_url()
    cached(reader, url)
    assert page_cache(admin_client.get(url)) == "bypass"


def test_a_published_edit_shows_on_the_next_request(reader, series):
    recap = series["recap"]
    tag_page = reverse("recaps:tag", args=["k-drama"])
    pages = (recap.get_absolute_url(), reverse("recaps:home"), tag_page)
    for url in pages:
        cached(reader, url)
    recap.subtitle = "A new subtitle"
    recap.save()
    for url in pages:
        response = reader.get(url)
        assert page_cache(response) == "miss", url
        assert "A new subtitle" in html(response), url


def test_publishing_and_unpublishing_show_at_once(reader, series):
    home = reverse("recaps:home")
    draft = series["draft"]
    cached(reader, home)
    draft.status = Recap.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    assert draft.subtitle in html(reader.get(home))
    cached(reader, draft.get_absolute_url())
    draft.status = Recap.Status.UNPUBLISHED
    draft.save()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    assert draft.subtitle not in html(reader.get(home))


def test_a_scheduled_recap_appears_at_its_time_with_no_job(reader, series):
    future = series["future"]
    home = reverse("recaps:home")
    hub = series["show"].get_absolute_url()
    cached(reader, home)
    cached(reader, hub)
    assert future.subtitle not in html(reader.get(home))
    with time_machine.travel(future.published_at + timedelta(seconds=1), tick=False):
        assert future.subtitle in html(reader.get(home))
        assert future.get_absolute_url() in html(reader.get(hub))
        assert reader.get(future.get_absolute_url()).status_code == 200


def test_an_approved_comment_shows(reader, series):
    from django_comments_xtd.models import XtdComment

    recap = series["recap"]
    url = recap.get_absolute_url()
    comment = XtdComment.objects.create(
        content_object=recap,
        site_id=1,
        user_name="Reader",
        user_email="reader@example.com",
        comment="Held until a moderator looks.",
        is_public=False,
    )
    Moderation.objects.update_or_create(
        comment=comment, defaults={"status": Moderation.Status.HELD}
    )
    cached(reader, url)
    cached(reader, reverse("recaps:home"))
    set_status(XtdComment.objects.filter(pk=comment.pk), Moderation.Status.APPROVED)
    response = reader.get(url)
    assert "Held until a moderator looks." in html(response)
    assert "1 comment" in html(reader.get(reverse("recaps:home")))
    set_status(XtdComment.objects.filter(pk=comment.pk), Moderation.Status.REMOVED)
    assert "Held until a moderator looks." not in html(reader.get(url))


@pytest.mark.parametrize("what", ["show", "person", "credit", "episode", "platform", "tag"])
def test_catalogue_edits_show(reader, series, what):
    show = series["show"]
    recap = series["recap"]
    person = series["people"][0]
    pages = [recap.get_absolute_url(), show.get_absolute_url(), person.get_absolute_url()]
    for url in pages:
        cached(reader, url)
    if what == "show":
        show.title = "Soundtrack #2 (retitled)"
        show.save()
        expected, where = "Soundtrack #2 (retitled)", pages
    elif what == "person":
        person.name = "Geum Sae-rok Renamed"
        person.save()
        expected, where = "Geum Sae-rok Renamed", pages
    elif what == "credit":
        credit = person.credits.get(show=show)
        credit.character_name = "A New Character"
        credit.save()
        expected, where = "A New Character", [show.get_absolute_url(), person.get_absolute_url()]
    elif what == "episode":
        episode = show.episodes.get(number=2)
        episode.title = "A Renamed Episode"
        episode.save()
        expected, where = "A Renamed Episode", [show.get_absolute_url()]
    elif what == "platform":
        platform = show.platforms.get()
        platform.name = "Streamer+"
        platform.save()
        expected, where = "Streamer+", [recap.get_absolute_url(), show.get_absolute_url()]
    else:
        tag = recap.tags.get(slug="k-drama")
        tag.name = "Korean drama"
        tag.save()
        expected, where = "Korean drama", [recap.get_absolute_url()]
    for url in where:
        assert expected in html(reader.get(url)), (what, url)


@pytest.mark.parametrize("change", ["person", "credit", "show"])
def test_cast_changes_purge_every_show_that_credits_the_cast(series, change):
    lead, show, earlier = series["people"][0], series["show"], series["earlier"]
    names = [f"show:{show.pk}", f"show:{earlier.pk}", f"person:{lead.pk}"]
    before = time.time()
    if change == "person":
        lead.name = "Geum Sae-rok Renamed"
        lead.save()
    elif change == "credit":
        credit = lead.credits.get(show=earlier)
        credit.character_name = "A New Character"
        credit.save()
    else:
        # Another show's title stands in the lead's "last seen in" line on this one's pages.
        earlier.title = "Youth of May (retitled)"
        earlier.save()
    purged = tags.versions(names)
    assert sorted(purged) == sorted(names)
    assert all(version >= before for version in purged.values())


def test_site_settings_purge_every_page(reader, series):
    from sitesettings.models import SiteSettings

    for url in (reverse("recaps:home"), series["recap"].get_absolute_url()):
        cached(reader, url)
    settings_row = SiteSettings.load()
    settings_row.site_name = "Recap Central"
    settings_row.save()
    for url in (reverse("recaps:home"), series["recap"].get_absolute_url()):
        assert "Recap Central" in html(reader.get(url))


def test_a_marked_reader_never_gets_a_copy_made_for_another_mark(client, series):
    url = reverse("recaps:home")
    show = series["show"].pk
    unmarked, two, three, again_two = (type(client)() for _ in range(4))
    two.cookies["watched"] = signed(f"{show}:2")
    three.cookies["watched"] = signed(f"{show}:3")
    again_two.cookies["watched"] = signed(f"{show}:2")

    assert "recap hidden" not in html(unmarked.get(url))
    after_two = two.get(url)
    assert html(after_two).count("recap hidden") == 2  # episodes 3 and 5
    after_three = three.get(url)
    assert html(after_three).count("recap hidden") == 1  # episode 5
    shared = again_two.get(url)
    assert page_cache(shared) == "hit"
    assert shared.content == after_two.content
    assert "recap hidden" not in html(unmarked.get(url))
    assert "private" in shared["Cache-Control"]


def test_marks_for_shows_a_page_does_not_show_share_its_copy(client, series):
    """A mark for another show does not change the hub: such readers share one copy."""
    hub = series["show"].get_absolute_url()
    first, second = type(client)(), type(client)()
    first.cookies["watched"] = signed("999:1")
    second.cookies["watched"] = signed("998:4")
    first.get(hub)
    assert page_cache(second.get(hub)) == "hit"


def test_themes_are_their_own_copies(client, series):
    url = series["recap"].get_absolute_url()
    dark, light, none = type(client)(), type(client)(), type(client)()
    dark.cookies["theme"] = "dark"
    light.cookies["theme"] = "light"
    assert 'data-theme="dark"' in html(dark.get(url))
    assert 'data-theme="light"' in html(light.get(url))
    assert "data-theme=" not in html(none.get(url))
    assert 'data-theme="dark"' in html(dark.get(url))


def test_a_reader_who_rated_sees_their_own_score(client, series):
    from ratings import rated_cookie

    recap = series["recap"]
    url = recap.get_absolute_url()
    anyone, rater = type(client)(), type(client)()
    cached(anyone, url)
    response = rater.post(
        reverse("ratings:vote", args=[recap.episode_id]),
        {"score": "8"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code in (302, 303)
    assert rated_cookie.COOKIE_NAME in rater.cookies
    assert "You rated this episode 8" in html(rater.get(url))
    assert "You rated this episode" not in html(anyone.get(url))


def test_readers_ratings_refresh_within_a_minute(client, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    anyone = type(client)()
    cached(anyone, url)
    for _ in range(2):
        type(client)().post(
            reverse("ratings:vote", args=[recap.episode_id]),
            {"score": "9"},
            headers={"Sec-Fetch-Site": "same-origin"},
        )
    assert page_cache(anyone.get(url)) == "hit"
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert "9.0 from 2 readers" in html(anyone.get(url))


def test_list_counts_are_kept_until_a_publication_or_the_tag_changes(reader, series, settings):
    """The paginator's count grows with the archive: it is kept, and purged with the page."""
    settings.PAGE_CACHE_ENABLED = False
    url = reverse("recaps:tag", args=["k-drama"])
    reader.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        reader.get(url)
    counts = [
        query for query in captured.captured_queries if query["sql"].startswith("SELECT COUNT(")
    ]
    assert counts == []
    series["recaps"][1].tags.add("k-drama")
    response = reader.get(url)
    assert f"recap:{series['recaps'][1].pk}" in response["Cache-Tag"]


def test_local_memory_keeps_a_page_only_briefly_as_other_workers_miss_its_purges(
    reader, series, settings
):
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if not isinstance(caches["default"], LocMemCache):
        pytest.skip("the page cache is in local memory only without REDIS_URL")
    settings.PAGE_CACHE_LOCAL_SECONDS = 10
    url = series["recap"].get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        reader.get(url)
        clock.shift(timedelta(seconds=9))
        assert page_cache(reader.get(url)) == "hit"
        clock.shift(timedelta(seconds=2))
        assert page_cache(reader.get(url)) == "miss"
