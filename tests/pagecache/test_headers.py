"""What reader pages tell caches: public with validators for readers without cookies, private
for pages built from a reader's own cookies, never public for staff, previews, errors or posts."""

import re

import pytest
from django.urls import reverse

from tests.spoilers.conftest import signed

from .conftest import cache_control, cache_tags, html

STRONG_ETAG = re.compile(r'^"[0-9a-f]{32}(-br|-gzip)?"$')


def reader_pages(series):
    return {
        "home": reverse("recaps:home"),
        "hub": series["show"].get_absolute_url(),
        "recap": series["recap"].get_absolute_url(),
        "person": series["people"][0].get_absolute_url(),
        "tag": reverse("recaps:tag", args=["k-drama"]),
        "shows": reverse("shows:list"),
        "rss": reverse("feeds:rss"),
        "atom": reverse("feeds:atom"),
        "show feed": reverse("feeds:show_rss", args=[series["show"].slug]),
        "sitemap": reverse("feeds:sitemap"),
        "search": reverse("search:results") + "?q=Chapter",
    }


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "hub",
        "recap",
        "person",
        "tag",
        "shows",
        "rss",
        "atom",
        "show feed",
        "sitemap",
        "search",
    ],
)
def test_every_reader_page_is_public_with_validators(reader, series, page):
    response = reader.get(reader_pages(series)[page])
    assert response.status_code == 200
    control = cache_control(response)
    assert "public" in control and "private" not in control
    for directive in ("max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"):
        assert int(control[directive]) > 0, directive
    assert STRONG_ETAG.match(response["ETag"])
    assert response["Last-Modified"].endswith("GMT")
    assert int(response["X-Accel-Expires"]) > 0
    assert "site" in cache_tags(response)
    assert not response.cookies


def test_lifetimes_are_the_settings(reader, series, settings):
    settings.PAGE_CACHE_MAX_AGE = 30
    settings.PAGE_CACHE_S_MAXAGE = 900
    settings.PAGE_CACHE_SEARCH_S_MAXAGE = 120
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 15
    settings.PAGE_CACHE_STALE_IF_ERROR = 600
    settings.PAGE_CACHE_PROXY_SECONDS = 5
    series["future"].delete()  # no scheduled recap cuts them short
    control = cache_control(reader.get(series["recap"].get_absolute_url()))
    assert control == {
        "public": "",
        "max-age": "30",
        "s-maxage": "900",
        "stale-while-revalidate": "15",
        "stale-if-error": "600",
    }
    search = reader.get(reverse("search:results") + "?q=Chapter")
    assert cache_control(search)["s-maxage"] == "120"
    assert search["X-Accel-Expires"] == "5"


def test_no_lifetime_runs_past_the_next_scheduled_recap(reader, series):
    """Episode 6's recap goes live tomorrow: nothing may keep today's pages past that."""
    series["future"].published_at = series["future"].published_at.replace(microsecond=0)
    from datetime import timedelta

    from django.utils import timezone

    series["future"].published_at = timezone.now() + timedelta(seconds=40)
    series["future"].save()
    response = reader.get(reverse("recaps:home"))
    control = cache_control(response)
    assert 30 <= int(control["max-age"]) <= 40
    assert 30 <= int(control["s-maxage"]) <= 40
    assert int(response["X-Accel-Expires"]) <= 40


def test_the_recap_page_names_what_it_shows(reader, series):
    recap = series["recap"]
    tags = cache_tags(reader.get(recap.get_absolute_url()))
    assert {
        f"recap:{recap.pk}",
        f"comments:{recap.pk}",
        f"show:{series['show'].pk}",
        f"ratings:{recap.episode_id}",
        "recaps",
        "site",
    } <= tags
    # The show's tag stands for the cast in the facts box: a person's edit purges it.
    assert not any(name.startswith("person:") for name in tags)
    assert {f"tag:{tag.pk}" for tag in recap.tags.all()} <= tags
    # Also Read links to another show's recap (a shared lead): its show is named too.
    assert f"show:{series['earlier'].pk}" in tags


def test_lists_name_each_recap_they_show(reader, series):
    tags = cache_tags(reader.get(reverse("recaps:home")))
    for recap in series["recaps"].values():
        assert {f"recap:{recap.pk}", f"comments:{recap.pk}"} <= tags
    assert f"recap:{series['draft'].pk}" not in tags
    assert {"home", "recaps", "shows"} <= tags
    tag_page = cache_tags(reader.get(reverse("recaps:tag", args=["k-drama"])))
    assert f"recap:{series['recap'].pk}" in tag_page
    person = series["people"][0]
    assert f"person:{person.pk}" in cache_tags(reader.get(person.get_absolute_url()))
    hub = cache_tags(reader.get(series["show"].get_absolute_url()))
    assert {f"show:{series['show'].pk}", f"recap:{series['recap'].pk}"} <= hub


def test_if_none_match_gets_304(reader, another_reader, series):
    url = series["recap"].get_absolute_url()
    first = reader.get(url)
    again = another_reader.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]
    assert again["Cache-Tag"] == first["Cache-Tag"]
    other = another_reader.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_if_modified_since_gets_304(reader, series):
    url = reverse("recaps:home")
    first = reader.get(url)
    again = reader.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_change_changes_the_validators(reader, series):
    url = series["recap"].get_absolute_url()
    first = reader.get(url)
    series["recap"].verdict = "A different verdict."
    series["recap"].save()
    after = reader.get(url, headers={"If-None-Match": first["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert "A different verdict." in html(after)


@pytest.mark.parametrize(
    "cookie", [("watched", "1:1"), ("theme", "dark"), ("rated", "anything"), ("sessionid", "x")]
)
def test_a_page_asked_for_with_a_reader_cookie_is_private(reader, series, cookie):
    name, value = cookie
    reader.cookies[name] = signed(f"{series['show'].pk}:3") if name == "watched" else value
    for url in (series["show"].get_absolute_url(), series["recap"].get_absolute_url()):
        response = reader.get(url)
        control = cache_control(response)
        assert "private" in control and "public" not in control, url
        assert "s-maxage" not in control
        assert "X-Accel-Expires" not in response
        assert "cookie" in response["Vary"].lower()


def test_other_cookies_keep_pages_public(reader, series):
    reader.cookies["analytics"] = "1"
    reader.cookies["csrftoken"] = "x" * 32
    assert "public" in reader.get(series["show"].get_absolute_url())["Cache-Control"]


def test_staff_pages_previews_errors_and_posts_are_never_public(admin_client, reader, series):
    draft = series["draft"]
    preview = admin_client.get(reverse("recaps:preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"] and "public" not in preview["Cache-Control"]
    assert "private" in admin_client.get(series["recap"].get_absolute_url())["Cache-Control"]
    assert "public" not in admin_client.get(reverse("admin:index")).get("Cache-Control", "")
    missing = reader.get("/recaps/no-such-recap/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")
    assert "Cache-Tag" not in missing
    too_long = reader.get(reverse("search:results") + "?q=" + "x" * 500)
    assert too_long.status_code == 400
    assert "public" not in too_long.get("Cache-Control", "")
    posted = reader.post(
        reverse("spoilers:mark"),
        {"show": series["show"].pk, "action": "all"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert "public" not in posted.get("Cache-Control", "")


def test_the_spoiler_warning_is_private(reader, series):
    reader.cookies["watched"] = signed(f"{series['show'].pk}:1")
    response = reader.get(series["recaps"][5].get_absolute_url())
    assert "spoiler warning" in html(response)
    assert "private" in response["Cache-Control"]


def test_reader_pages_are_compressed_for_clients_that_ask(reader, series):
    import gzip

    import brotli

    url = series["recap"].get_absolute_url()
    plain = reader.get(url)
    br = reader.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br["Content-Encoding"] == "br"
    assert int(br["Content-Length"]) == len(br.content)
    assert brotli.decompress(br.content) == plain.content
    assert br["ETag"] != plain["ETag"]
    gz = reader.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain.content
    assert "accept-encoding" in plain["Vary"].lower()
    refused = reader.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused


def test_pages_with_a_secret_are_not_compressed(admin_client):
    response = admin_client.get(reverse("admin:index"), headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response
