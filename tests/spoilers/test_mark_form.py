"""The mark form: it sets the cookie and goes back; anything hostile changes nothing."""

import pytest
from django.urls import reverse

from spoilers import marks
from tests.cross_site import CROSS_SITE_HEADERS

from .conftest import SAME_ORIGIN, html, post_mark


def test_control_is_on_the_hub_and_the_recap_page_without_a_csrf_token(client, series):
    for url in [series["show"].get_absolute_url(), series["recap"].get_absolute_url()]:
        page = html(client.get(url))
        control = page.split('class="watched"')[1].split("</section>")[0]
        assert '<label for="watched-episode">I\'ve watched up to episode</label>' in control
        assert control.count("<option") == 6
        assert "I've seen it all" in control
        assert "csrfmiddlewaretoken" not in control
        assert "Forget" not in control  # nothing to forget yet


def test_recap_page_control_offers_its_own_episode_first(client, series):
    page = html(client.get(series["recap"].get_absolute_url()))
    assert '<option value="3" selected>3</option>' in page


def test_mark_sets_a_signed_cookie_and_goes_back_with_see_other(client, series):
    hub = series["show"].get_absolute_url()
    response = post_mark(client, series["show"], episode=4, next_url=hub + "?from=test")
    assert response.status_code == 303
    assert response["Location"] == hub + "?from=test"
    cookie = response.cookies[marks.COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie.value.startswith(f"{series['show'].pk}:4:")  # signed: value:time:signature
    assert "no-store" in response["Cache-Control"]
    page = html(client.get(hub))
    assert "You've marked episode 4 as watched" in page
    assert '<option value="4" selected>4</option>' in page
    assert 'value="forget">Forget</button>' in page


def test_without_next_the_form_returns_to_the_hub(client, series):
    response = post_mark(client, series["show"], episode=1)
    assert response["Location"] == series["show"].get_absolute_url()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "https://evil.example/shows/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
        "/" + "a" * 3000,
    ],
)
def test_next_outside_the_site_is_ignored(client, series, next_url):
    response = post_mark(client, series["show"], episode=2, next_url=next_url)
    assert response.status_code == 303
    assert response["Location"] == series["show"].get_absolute_url()


def test_newline_in_next_cannot_split_the_header(client, series):
    response = post_mark(client, series["show"], episode=2, next_url="/shows/\r\nSet-Cookie: x=1")
    assert response.status_code == 303
    assert "\n" not in response["Location"]


@pytest.mark.parametrize("headers", CROSS_SITE_HEADERS)
def test_posts_from_another_site_are_refused(client, series, headers):
    response = post_mark(client, series["show"], episode=2, headers=headers)
    assert response.status_code == 403
    assert marks.COOKIE not in response.cookies


def test_get_is_not_allowed(client, db):
    assert client.get(reverse("spoilers:mark")).status_code == 405


@pytest.mark.parametrize(
    ("show", "episode", "action", "message"),
    [
        ("999999", "2", "episode", "We could not find that show."),
        ("abc", "2", "episode", "We could not find that show."),
        ("9" * 40, "2", "episode", "We could not find that show."),
        ("", "2", "episode", "Choose a show."),
        (None, "abc", "episode", "The episode must be a whole number."),
        (None, "2.5", "episode", "The episode must be a whole number."),
        (None, "<script>alert(1)</script>", "episode", "The episode must be a whole number."),
        (None, "0", "episode", "Episodes are numbered from 1."),
        (None, "-3", "episode", "Episodes are numbered from 1."),
        (None, "7", "episode", "Soundtrack #2 has 6 episodes: choose one from 1 to 6."),
        (None, "9" * 5000, "episode", "The episode must be a whole number."),
        (None, "99999999999", "episode", "There is no episode with that number."),
        (None, "", "episode", "Choose the last episode you have watched."),
        (None, "2", "explode", "That is not something this form can do."),
    ],
)
def test_bad_values_are_a_readable_400_and_change_nothing(
    client, series, watch, show, episode, action, message
):
    watch(series["show"], 1)
    before = client.cookies[marks.COOKIE].value
    data = {"show": show if show is not None else series["show"].pk, "action": action}
    data["episode"] = episode
    response = client.post(reverse("spoilers:mark"), data, headers=SAME_ORIGIN)
    assert response.status_code == 400
    page = html(response)
    assert message in page
    assert "Nothing was changed" in page
    assert "<script>alert" not in page
    assert marks.COOKIE not in response.cookies
    assert client.cookies[marks.COOKIE].value == before


def test_many_shows_keep_the_cookie_small(client, series, django_user_model):
    from demo.factories import make_show

    for _ in range(marks.MAX_SHOWS + 5):
        post_mark(client, make_show(), episode=1)
    response = post_mark(client, series["show"], episode=2)
    assert len(response.cookies[marks.COOKIE].value) < 1200
    assert "You've marked episode 2" in html(client.get(series["show"].get_absolute_url()))
