"""Editors' show form, posted as a browser posts it: bad schedule values, unknown time zones, a
season following itself and duplicate episodes are refused with a message, and nothing saves."""

import itertools

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shows.models import Episode, Show
from tests.admin_forms import add_inline_rows, assert_rejected, form_data

ADD_URL = reverse("admin:shows_show_add")


@pytest.fixture
def new_show(editor_client):
    """What the add page posts once an editor has typed a title and slug."""
    data = form_data(editor_client.get(ADD_URL))
    data.update(title="Moving", slug="moving", premiere_date="09/08/2023")
    return data


def change_url(show):
    return reverse("admin:shows_show_change", args=[show.pk])


def test_show_add_form_saves_a_valid_show(editor_client, new_show):
    add_inline_rows(new_show, "episodes", {"number": "1"}, {"number": "2"})
    response = editor_client.post(ADD_URL, new_show)
    assert response.status_code == 302
    show = Show.objects.get(slug="moving")
    assert list(show.episodes.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_show_add_form_refuses_fewer_than_one_episode_per_release(editor_client, new_show, value):
    new_show["episodes_per_release"] = value
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, "Ensure this value is greater than or equal to 1.")
    assert "episodes_per_release" in response.context["adminform"].form.errors
    assert not Show.objects.exists()


@pytest.mark.parametrize("value", ["0", "-3"])
def test_show_add_form_refuses_a_planned_episode_count_below_one(editor_client, new_show, value):
    new_show["planned_episode_count"] = value
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, "Ensure this value is greater than or equal to 1.")
    assert "planned_episode_count" in response.context["adminform"].form.errors
    assert not Show.objects.exists()


def test_show_add_form_refuses_an_unknown_time_zone(editor_client, new_show):
    new_show["time_zone"] = "Mars/Olympus"
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(
        response,
        "“Mars/Olympus” is not a time zone name such as Asia/Seoul or America/New_York.",
    )
    assert not Show.objects.exists()


@pytest.mark.parametrize("value", ["9", "x", "-1", "7"])
def test_show_add_form_refuses_a_weekday_that_does_not_exist(editor_client, new_show, value):
    new_show["release_weekdays"] = ["2", value]
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(
        response, f"Select a valid choice. {value} is not one of the available choices."
    )
    assert not Show.objects.exists()


def test_show_add_form_saves_several_weekdays_in_order(editor_client, new_show):
    new_show["release_weekdays"] = ["5", "2"]
    assert editor_client.post(ADD_URL, new_show).status_code == 302
    assert Show.objects.get().release_weekdays == [2, 5]


def test_show_change_form_refuses_a_show_that_follows_itself(editor_client, soundtrack):
    data = form_data(editor_client.get(change_url(soundtrack)))
    data["follows"] = str(soundtrack.pk)
    response = editor_client.post(change_url(soundtrack), data)
    assert_rejected(response, "A show cannot follow itself.")
    soundtrack.refresh_from_db()
    assert soundtrack.follows is None


def test_show_form_refuses_two_new_episodes_with_one_number(editor_client, new_show):
    add_inline_rows(new_show, "episodes", {"number": "3"}, {"number": "3", "title": "Again"})
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, "Please correct the duplicate data for number.")
    assert not Show.objects.exists()
    assert not Episode.objects.exists()


def test_show_form_refuses_a_new_episode_with_an_existing_number(editor_client, soundtrack):
    Episode.objects.create(show=soundtrack, number=3)
    data = form_data(editor_client.get(change_url(soundtrack)))
    add_inline_rows(data, "episodes", {"number": "3", "title": "Duplicate"})
    response = editor_client.post(change_url(soundtrack), data)
    assert_rejected(response, "Episode with this Show and Number already exists.")
    assert soundtrack.episodes.count() == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("-2", "Ensure this value is greater than or equal to 1."),
        ("32768", "Ensure this value is less than or equal to 32767."),
    ],
)
def test_show_form_refuses_an_episode_number_out_of_range(editor_client, new_show, value, message):
    add_inline_rows(new_show, "episodes", {"number": value})
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, message)
    assert not Show.objects.exists()


def test_episode_admin_refuses_an_existing_show_and_number(editor_client, soundtrack):
    Episode.objects.create(show=soundtrack, number=3, title="The original")
    url = reverse("admin:shows_episode_add")
    data = form_data(editor_client.get(url))
    data.update(show=str(soundtrack.pk), number="3", title="A copy")
    response = editor_client.post(url, data)
    assert_rejected(response, "Episode with this Show and Number already exists.")
    assert list(Episode.objects.values_list("title", flat=True)) == ["The original"]


def test_episode_admin_refuses_episode_number_zero(editor_client, soundtrack):
    url = reverse("admin:shows_episode_add")
    data = form_data(editor_client.get(url))
    data.update(show=str(soundtrack.pk), number="0")
    response = editor_client.post(url, data)
    assert_rejected(response, "Ensure this value is greater than or equal to 1.")
    assert not Episode.objects.exists()


def test_show_form_refuses_a_poster_that_is_not_an_image(editor_client, new_show):
    from tests import images

    new_show["poster"] = images.upload("poster.jpg", b"just some text, not a JPEG\n", "image/jpeg")
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, "Upload a JPEG, PNG, WebP or GIF image; this file is not an image.")
    assert not Show.objects.exists()


@pytest.mark.parametrize(
    "title",
    [
        "사운드트랙 #2",
        "Squid Game 🦑🎲",
        "הבורר / عائلة الحاج متولي",
        "Ōoku: The Inner Chambers",
        "\u202eRTL override\u202c and a zero\u200bwidth space",
        '<script>alert("title")</script>',
    ],
)
def test_show_form_saves_and_lists_a_title_in_any_script(editor_client, new_show, title):
    new_show["title"] = title
    assert editor_client.post(ADD_URL, new_show).status_code == 302
    show = Show.objects.get()
    assert show.title == title
    changelist = editor_client.get(reverse("admin:shows_show_changelist"))
    assert escape(title) in changelist.text
    assert "<script>alert" not in changelist.text
    assert escape(title) in editor_client.get(change_url(show)).text


def test_show_form_refuses_a_ten_thousand_character_title(editor_client, new_show):
    new_show["title"] = "🎬" * 10_000
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, "Ensure this value has at most 200 characters (it has 10000).")
    assert not Show.objects.exists()


_slugs = itertools.count()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(st.characters(codec="utf-8"), max_size=250))
def test_show_form_never_fails_on_any_unicode_title(editor_client, new_show, title):
    """Any title is saved as typed (less surrounding spaces) or refused with a message."""
    data = {**new_show, "title": title, "slug": f"show-{next(_slugs)}"}
    with transaction.atomic():
        response = editor_client.post(ADD_URL, data)
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert Show.objects.get(slug=data["slug"]).title == title.strip()
        else:
            assert response.context["adminform"].form.errors["title"]
            assert not Show.objects.filter(slug=data["slug"]).exists()
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("premiere_date", "31/02/2023", "Enter a valid date."),
        ("premiere_date", "'; DROP TABLE shows_show; --", "Enter a valid date."),
        ("release_time", "24:30", "Enter a valid time."),
        ("planned_episode_count", "1e3", "Enter a whole number."),
        ("episodes_per_release", "40000", "Ensure this value is less than or equal to 32767."),
    ],
)
def test_show_form_refuses_malformed_schedule_values(
    editor_client, new_show, field, value, message
):
    new_show[field] = value
    response = editor_client.post(ADD_URL, new_show)
    assert_rejected(response, message)
    assert not Show.objects.exists()
