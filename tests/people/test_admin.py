"""Editors' people and credits: a person cannot be credited twice as the same character in one
show, from either side of the relation, and a photo must be an image."""

import pytest
from django.urls import reverse

from people.models import Credit, Person
from tests import images
from tests.admin_forms import add_inline_rows, assert_rejected, form_data


@pytest.fixture
def second_person(db):
    return Person.objects.create(name="Steve Noh", slug="steve-noh")


def test_show_cast_inline_refuses_the_same_credit_twice(editor_client, soundtrack, person):
    url = reverse("admin:shows_show_change", args=[soundtrack.pk])
    data = form_data(editor_client.get(url))
    row = {"person": str(person.pk), "character_name": "Do-hyun", "role": "lead"}
    add_inline_rows(data, "credits", row, {**row, "billing_order": "2"})
    response = editor_client.post(url, data)
    assert_rejected(
        response, "Please correct the duplicate data for person and character_name, which must be"
    )
    assert not Credit.objects.exists()


def test_show_cast_inline_refuses_a_credit_that_already_exists(editor_client, soundtrack, person):
    Credit.objects.create(person=person, show=soundtrack, character_name="Do-hyun")
    url = reverse("admin:shows_show_change", args=[soundtrack.pk])
    data = form_data(editor_client.get(url))
    add_inline_rows(data, "credits", {"person": str(person.pk), "character_name": "Do-hyun"})
    response = editor_client.post(url, data)
    assert_rejected(response, "Credit with this Person, Show and Character name already exists.")
    assert Credit.objects.count() == 1


def test_person_credit_inline_refuses_the_same_credit_twice(editor_client, soundtrack, person):
    url = reverse("admin:people_person_change", args=[person.pk])
    data = form_data(editor_client.get(url))
    row = {"show": str(soundtrack.pk), "character_name": "", "role": "supporting"}
    add_inline_rows(data, "credits", row, row)
    response = editor_client.post(url, data)
    assert_rejected(
        response, "Please correct the duplicate data for show and character_name, which must be"
    )
    assert not Credit.objects.exists()


def test_show_cast_inline_saves_two_characters_for_one_person(
    editor_client, soundtrack, person, second_person
):
    url = reverse("admin:shows_show_change", args=[soundtrack.pk])
    data = form_data(editor_client.get(url))
    add_inline_rows(
        data,
        "credits",
        {"person": str(person.pk), "character_name": "Do-hyun", "role": "lead"},
        {"person": str(person.pk), "character_name": "Young Do-hyun", "role": "special"},
        {"person": str(second_person.pk), "character_name": "Hyun-seo", "role": "lead"},
    )
    assert editor_client.post(url, data).status_code == 302
    assert soundtrack.credits.count() == 3


def test_credit_admin_refuses_an_existing_credit(editor_client, soundtrack, person):
    Credit.objects.create(person=person, show=soundtrack, character_name="Do-hyun")
    url = reverse("admin:people_credit_add")
    data = form_data(editor_client.get(url))
    data.update(person=str(person.pk), show=str(soundtrack.pk), character_name="Do-hyun")
    response = editor_client.post(url, data)
    assert_rejected(response, "Credit with this Person, Show and Character name already exists.")
    assert Credit.objects.count() == 1


def test_person_form_refuses_a_photo_that_is_not_an_image(editor_client):
    url = reverse("admin:people_person_add")
    data = form_data(editor_client.get(url))
    data.update(
        name="Demian",
        slug="demian",
        photo=images.upload("photo.png", b"<svg onload=alert(1)></svg>", "image/png"),
    )
    response = editor_client.post(url, data)
    assert_rejected(response, "Upload a JPEG, PNG, WebP or GIF image; this file is not an image.")
    assert not Person.objects.exists()


def test_person_form_saves_a_real_photo(editor_client, media_root):
    url = reverse("admin:people_person_add")
    data = form_data(editor_client.get(url))
    data.update(name="Demian", slug="demian", photo=images.upload("photo.png"))
    assert editor_client.post(url, data).status_code == 302
    person = Person.objects.get()
    assert (media_root / person.photo.name).is_file()
    changelist = editor_client.get(reverse("admin:people_person_changelist"))
    assert f'<img src="{person.photo.url}"' in changelist.text


def test_person_form_saves_and_lists_a_name_in_any_script(editor_client):
    url = reverse("admin:people_person_add")
    data = form_data(editor_client.get(url))
    data.update(name="Geum Sae-rok 금새록 🎤", slug="geum-sae-rok", native_name="금새록")
    assert editor_client.post(url, data).status_code == 302
    assert Person.objects.get().name == "Geum Sae-rok 금새록 🎤"
    changelist = editor_client.get(reverse("admin:people_person_changelist"))
    assert "Geum Sae-rok 금새록 🎤" in changelist.text
    assert '<td class="field-native_name">금새록</td>' in changelist.text
