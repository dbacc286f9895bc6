"""Editors' recap form, posted as a browser posts it: publishing needs a time, ratings stay in
range, rich text is cleaned when saved, and titles in any script survive the round trip."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from recaps.models import Recap
from tests.admin_forms import assert_rejected, form_data

ADD_URL = reverse("admin:recaps_recap_add")
RICH_TEXT_FIELDS = ["intro", "body", "bonus_track", "review"]
HOSTILE_HTML = (
    "<script>alert('xss')</script>"
    '<p onclick="steal()">Kept words <a href="javascript:alert(1)">bad link</a> and '
    '<a href="https://example.com/" onmouseover="steal()">good link</a></p>'
    '<img src="x" onerror="alert(2)"><iframe src="https://evil.example/"></iframe>'
    '<a href="mailto:tips@example.com">mail</a>'
)


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


@pytest.fixture
def new_recap(editor_client, episode, editor):
    """What the add page posts once an editor has picked the episode and typed a subtitle."""
    data = form_data(editor_client.get(ADD_URL))
    data.update(episode=str(episode.pk), subtitle="Fresh start", slug="fresh-start")
    return data


def test_recap_add_form_saves_a_draft_by_the_logged_in_editor(editor_client, new_recap, editor):
    response = editor_client.post(ADD_URL, new_recap)
    assert response.status_code == 302
    recap = Recap.objects.get(slug="fresh-start")
    assert (recap.status, recap.author) == (Recap.Status.DRAFT, editor)


def test_recap_add_form_refuses_published_without_a_publish_time(editor_client, new_recap):
    new_recap.update(status="published", published_at_0="", published_at_1="")
    response = editor_client.post(ADD_URL, new_recap)
    assert_rejected(response, "A published recap needs a publish time")
    assert not Recap.objects.exists()


def test_recap_change_form_keeps_the_publish_time_it_refused_to_clear(editor_client, recap):
    published_at = recap.published_at
    data = form_data(editor_client.get(change_url(recap)))
    data.update(published_at_0="", published_at_1="")
    response = editor_client.post(change_url(recap), data)
    assert_rejected(response, "A published recap needs a publish time")
    recap.refresh_from_db()
    assert recap.published_at == published_at


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("11", "Ensure this value is less than or equal to 10."),
        ("-1", "Ensure this value is greater than or equal to 1."),
        ("eight", "Enter a whole number."),
    ],
)
def test_recap_form_refuses_a_rating_outside_one_to_ten(editor_client, new_recap, rating, message):
    new_recap["rating"] = rating
    response = editor_client.post(ADD_URL, new_recap)
    assert_rejected(response, message)
    assert not Recap.objects.exists()


@pytest.mark.parametrize("field", RICH_TEXT_FIELDS)
def test_recap_form_saves_rich_text_without_scripts_or_handlers(editor_client, new_recap, field):
    new_recap[field] = HOSTILE_HTML
    assert editor_client.post(ADD_URL, new_recap).status_code == 302
    saved = getattr(Recap.objects.get(), field)
    assert "Kept words" in saved
    assert '<a href="https://example.com/"' in saved
    assert 'href="mailto:tips@example.com"' in saved
    for removed in [
        "<script",
        "alert",
        "onclick",
        "onmouseover",
        "onerror",
        "javascript:",
        "<iframe",
        "<img",
    ]:
        assert removed not in saved, removed


@pytest.mark.parametrize(
    "subtitle",
    [
        "사운드트랙 #2의 비밀",
        "🎧🎶 The Playlist 🎤",
        "שיר אהבה — أغنية حب",
        "Zoë’s café, naïve résumé",
        "\u202eevil\u202c right-to-left override",
        "<b>Not bold</b> & “quoted”",
    ],
)
def test_recap_form_saves_and_lists_a_subtitle_in_any_script(editor_client, new_recap, subtitle):
    new_recap["subtitle"] = subtitle
    assert editor_client.post(ADD_URL, new_recap).status_code == 302
    assert Recap.objects.get().subtitle == subtitle
    changelist = editor_client.get(reverse("admin:recaps_recap_changelist"))
    assert changelist.status_code == 200
    assert escape(f"Recap and Review: {subtitle}") in changelist.text


def test_recap_form_refuses_a_ten_thousand_character_subtitle(editor_client, new_recap):
    new_recap["subtitle"] = "ы" * 10_000
    response = editor_client.post(ADD_URL, new_recap)
    assert_rejected(response, "Ensure this value has at most 200 characters (it has 10000).")
    assert not Recap.objects.exists()


def test_recap_form_refuses_a_null_character_in_the_subtitle(editor_client, new_recap):
    new_recap["subtitle"] = "Before\x00after"
    response = editor_client.post(ADD_URL, new_recap)
    assert_rejected(response, "Null characters are not allowed.")
    assert not Recap.objects.exists()


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        ("31/02/2024", "10:00", "Enter a valid date."),
        ("yesterday", "10:00", "Enter a valid date."),
        ("13/12/2023", "25:61", "Enter a valid time."),
        ("", "10:00", "Enter a valid date."),
    ],
)
def test_recap_form_refuses_a_publish_time_that_does_not_exist(
    editor_client, new_recap, day, time, message
):
    new_recap.update(status="published", published_at_0=day, published_at_1=time)
    response = editor_client.post(ADD_URL, new_recap)
    assert_rejected(response, message)
    assert not Recap.objects.exists()


def test_view_on_site_is_offered_once_readers_can_see_the_recap(editor_client, recap):
    assert 'class="viewsitelink"' in editor_client.get(change_url(recap)).content.decode()
    Recap.objects.filter(pk=recap.pk).update(status=Recap.Status.DRAFT, published_at=None)
    page = editor_client.get(change_url(recap)).content.decode()
    assert 'class="viewsitelink"' not in page
    assert f'href="{reverse("recaps:preview", args=[recap.pk])}"' in page
