"""Ids the database cannot look up (not a number, beyond the column's range, NUL bytes) are a
form error in every admin relation field, never a server error."""

import pytest
from django.contrib.auth.models import Group

from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "   ", "1e309", "9" * 20, "-1", "a\x00b"]


@pytest.fixture
def page(editor_client, site_content):
    def fetch(url, form_id):
        return form_data(editor_client.get(url), form_id)

    return fetch


INVALID_IDS = ("is not a valid value", "Select a valid choice")


def refused(response, *messages):
    assert response.status_code == 200
    assert 'class="errornote"' in response.text
    assert any(message in response.text for message in messages), response.text[-3000:]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_autocomplete_field_with_a_bad_id_is_a_form_error(editor_client, page, bad):
    """Django's AutocompleteSelect re-rendered the refused form by filtering with the posted
    value: ValueError or OverflowError instead of the form."""
    from recaps.models import Recap

    recap = Recap.objects.order_by("pk").first()
    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = page(url, "recap_form")
    refused(editor_client.post(url, {**data, "episode": bad}), "Select a valid choice.")
    recap.refresh_from_db()
    assert str(recap.episode_id) != bad


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_autocomplete_multiple_field_with_a_bad_id_is_a_form_error(editor_client, page, bad):
    from recaps.models import Recap

    recap = Recap.objects.order_by("pk").first()
    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = page(url, "recap_form")
    response = editor_client.post(url, {**data, "also_read": [bad]})
    refused(response, *INVALID_IDS)
    assert not recap.also_read.exists()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_group_permission_with_a_bad_id_is_a_form_error(editor_client, page, bad):
    """On SQLite a 20-digit id raised OverflowError while validating the permissions."""
    group = Group.objects.get(name="Writers")
    before = set(group.permissions.values_list("pk", flat=True))
    url = f"/admin/auth/group/{group.pk}/change/"
    data = page(url, "group_form")
    refused(
        editor_client.post(url, {**data, "permissions": [bad]}),
        "is not a valid value",
        "Select a valid choice",
    )
    assert set(group.permissions.values_list("pk", flat=True)) == before


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_show_platform_with_a_bad_id_is_a_form_error(editor_client, page, bad):
    from shows.models import Show

    show = Show.objects.get(slug="soundtrack-2")
    url = f"/admin/shows/show/{show.pk}/change/"
    data = page(url, "show_form")
    refused(
        editor_client.post(url, {**data, "platforms": [bad]}),
        "is not a valid value",
        "Select a valid choice",
    )
    assert show.platforms.count() == 1


def test_a_20_digit_inline_form_count_is_a_form_error(editor_client, page):
    from shows.models import Show

    show = Show.objects.get(slug="soundtrack-2")
    url = f"/admin/shows/show/{show.pk}/change/"
    data = page(url, "show_form")
    response = editor_client.post(url, {**data, "episodes-TOTAL_FORMS": "9" * 20})
    assert response.status_code == 200
    assert "Please submit at most" in response.text


def test_a_tag_longer_than_the_tag_column_is_a_form_error(editor_client, page):
    """PostgreSQL answered DataError (a 500) to a 101-character tag; SQLite stored it."""
    from recaps.models import Recap

    recap = Recap.objects.order_by("pk").first()
    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = page(url, "recap_form")
    response = editor_client.post(url, {**data, "tags": "fine, " + "x" * 101})
    refused(response, "A tag can be at most 100 characters long.")
    assert list(recap.tags.names()) == ["k-drama"]
