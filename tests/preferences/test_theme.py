"""The light / dark / system switch: the cookie it keeps, and the first paint it gives."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.cross_site import CROSS_SITE_HEADERS

pytestmark = pytest.mark.django_db

SWITCH = reverse("preferences:theme")
ONE_YEAR = 365 * 24 * 60 * 60


def choose(client, theme, next_page="/shows/", **headers):
    headers.setdefault("headers", {"Sec-Fetch-Site": "same-origin"})
    return client.post(SWITCH, {"theme": theme, "next": next_page}, **headers)


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group()


def color_scheme(response):
    return re.search(r'<meta name="color-scheme" content="([^"]*)">', response.content.decode())[1]


def pressed(response):
    buttons = re.findall(
        r'<button type="submit" name="theme" value="(\w+)" aria-pressed="(true|false)">',
        response.content.decode(),
    )
    return [value for value, state in buttons if state == "true"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_choosing_a_theme_keeps_it_in_a_cookie_for_a_year(client, theme):
    response = choose(client, theme)
    assert response.status_code == 303
    assert response["Location"] == "/shows/"
    cookie = response.cookies["theme"]
    assert cookie.value == theme
    assert cookie["max-age"] == ONE_YEAR
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["httponly"]


def test_the_cookie_is_secure_on_https(client):
    assert choose(client, "dark", secure=True).cookies["theme"]["secure"]


def test_choosing_system_forgets_the_cookie(client):
    choose(client, "dark")
    response = choose(client, "system")
    assert response.status_code == 303
    assert response.cookies["theme"].value == ""
    assert response.cookies["theme"]["max-age"] == 0
    assert "data-theme" not in html_tag(client.get("/"))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_pages_render_the_chosen_theme_on_first_paint(client, theme):
    choose(client, theme)
    response = client.get(reverse("recaps:home"))
    assert html_tag(response) == f'<html lang="en" data-theme="{theme}">'
    assert color_scheme(response) == theme
    assert pressed(response) == [theme]


def test_without_a_choice_pages_follow_the_system(client):
    response = client.get(reverse("recaps:home"))
    assert html_tag(response) == '<html lang="en">'
    assert color_scheme(response) == "light dark"
    assert pressed(response) == ["system"]


@pytest.mark.parametrize("forged", ["purple", "dark; x", '"><script>alert(1)</script>', "DARK"])
def test_a_cookie_value_we_never_set_is_ignored(client, forged):
    client.cookies["theme"] = forged
    response = client.get(reverse("recaps:home"))
    assert html_tag(response) == '<html lang="en">'
    assert "<script>alert" not in response.content.decode()


def test_the_switch_is_a_labelled_group_in_the_footer_posting_without_a_token(client):
    html = client.get(reverse("shows:list") + "?page=1").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    form = re.search(r'<form class="theme-switch".*?</form>', footer, re.S).group()
    assert f'action="{SWITCH}"' in form and 'method="post"' in form
    assert '<input type="hidden" name="next" value="/shows/?page=1">' in form
    assert 'role="group" aria-labelledby="theme-switch-label"' in form
    assert '<span class="theme-switch__label" id="theme-switch-label">Theme</span>' in form
    assert re.findall(r">(Light|Dark|System)</button>", form) == ["Light", "Dark", "System"]
    assert "csrfmiddlewaretoken" not in form


def test_a_same_origin_post_needs_no_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert choose(client, "dark").cookies["theme"].value == "dark"


@pytest.mark.parametrize(
    "value", [None, "", "purple", "System", "dark " * 1000, "<script>alert(1)</script>", "다크"]
)
def test_an_unknown_theme_is_refused_and_the_cookie_kept(client, value):
    choose(client, "dark")
    data = {"next": "/"} if value is None else {"theme": value, "next": "/"}
    response = client.post(SWITCH, data, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    assert "theme" not in response.cookies
    assert "That theme does not exist" in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert client.cookies["theme"].value == "dark"


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_a_cross_site_post_is_refused(client, headers):
    response = choose(client, "dark", headers=headers)
    assert response.status_code == 403
    assert "theme" not in response.cookies


def test_reading_the_switch_address_changes_nothing(client):
    response = client.get(SWITCH, {"theme": "dark"})
    assert response.status_code == 405
    assert "theme" not in response.cookies


@pytest.mark.parametrize(
    "next_page",
    [
        "https://evil.example/",
        "//evil.example/path",
        "///evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver/shows/",  # this site, but plain HTTP from an HTTPS page
        "",
    ],
)
def test_next_off_this_site_sends_readers_home(client, next_page):
    response = choose(client, "dark", next_page=next_page, secure=True)
    assert response.status_code == 303
    assert response["Location"] == reverse("recaps:home")


def test_next_on_this_site_is_kept_with_its_query(client):
    response = choose(client, "light", next_page="/search/?q=piano&page=2")
    assert response["Location"] == "/search/?q=piano&page=2"


def test_pages_tell_shared_caches_they_differ_by_cookie(client):
    assert "Cookie" in client.get(reverse("recaps:home"))["Vary"]
    assert "Cookie" not in client.get(reverse("feeds:rss")).get("Vary", "")


def test_the_switch_returns_to_a_long_search_without_copying_its_query(client):
    response = client.get("/search/", {"q": "piano " * 100})
    assert '<input type="hidden" name="next" value="/search/">' in response.content.decode()


def test_the_switch_keeps_a_short_unicode_search(client):
    response = client.get("/search/", {"q": "사운드트랙"})
    assert 'name="next" value="/search/?q=%EC%82%AC%EC%9A%B4' in response.content.decode()


def test_the_switch_on_a_refusal_page_leads_home_not_back_to_the_form(client):
    response = client.post(SWITCH, {"theme": "purple"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert '<input type="hidden" name="next" value="">' in response.content.decode()
    assert choose(client, "dark", next_page="")["Location"] == reverse("recaps:home")
