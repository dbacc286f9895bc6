"""EPISODIC_REQUIRE_TWO_FACTOR: superusers and chief editors reach no admin page before a
second factor; others may choose one, and once chosen it is asked of them too."""

import base64

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from recaps.roles import CHIEF_EDITORS, EDITORS, WRITERS

from .conftest import (
    add_code_generator,
    code_of,
    post_code,
    post_password,
)

pytestmark = pytest.mark.django_db


def admin_pages():
    """Every model admin's list and add pages, the index, an app index and a custom view."""
    pages = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["recaps"]),
        reverse("admin:password_change"),
        reverse("admin:taggit_tag_merge_tags"),
    ]
    for model in admin.site._registry:
        opts = model._meta
        for view in ("changelist", "add"):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
    return pages


def test_an_unverified_superuser_is_refused_every_admin_page(client, boss, required):
    post_password(client, "boss")
    for page in admin_pages():
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/admin/login/"), page
    assert client.get("/admin/login/")["Location"] == reverse("accounts:verify")


def test_the_requirement_also_guards_posts_to_admin_actions(client, boss, required):
    post_password(client, "boss")
    url = reverse("admin:auth_user_changelist")
    response = client.post(url, {"action": "delete_selected", "_selected_action": [boss.pk]})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_with_the_requirement_off_the_password_is_enough(client, boss):
    post_password(client, "boss")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "superuser", "must"),
    [
        (None, True, True),
        (CHIEF_EDITORS, False, True),
        (EDITORS, False, False),
        (WRITERS, False, False),
    ],
    ids=["superuser", "chief-editor", "editor", "writer"],
)
def test_who_must_use_a_second_factor(client, make_staff, required, role, superuser, must):
    make_staff("someone", role=role, superuser=superuser)
    post_password(client, "someone")
    response = client.get("/admin/")
    assert (response.status_code == 302) is must


def test_an_editor_who_chose_a_code_generator_is_asked_for_it(client, make_staff):
    editor = make_staff("ed", role=EDITORS)
    device = add_code_generator(editor)
    response = post_password(client, "ed")
    assert "6-digit code" in response.text
    post_code(client, code_of(device))
    assert client.get("/admin/").status_code == 200


def test_the_verify_page_offers_enrolment_and_logout(client, boss, required):
    post_password(client, "boss")
    page = client.get(reverse("accounts:verify"))
    assert page.status_code == 200
    assert reverse("two_factor:setup") in page.text
    assert 'id="passkey-register-button"' in page.text
    client.post(reverse("admin:logout"))
    assert client.get(reverse("accounts:verify")).status_code == 302  # to the login


def enrol(client, user):
    """Walk the set-up wizard as the browser does; returns the new device."""
    setup = reverse("two_factor:setup")
    step = "enrol_view-current_step"
    assert client.get(setup).status_code == 200
    page = client.post(setup, {step: "welcome"})
    assert reverse("two_factor:qr") in page.text
    qr = client.get(reverse("two_factor:qr"))
    assert qr.status_code == 200 and qr["Content-Type"].startswith("image/svg+xml")
    key = page.context["secret_key"]
    unsaved = TOTPDevice(user=user, key=_hex(key))
    response = client.post(setup, {step: "generator", "generator-token": code_of(unsaved)})
    assert response.status_code == 302
    return TOTPDevice.objects.get(user=user)


def _hex(b32key):
    return base64.b32decode(b32key).hex()


def test_an_unverified_superuser_enrols_and_reaches_the_admin(client, boss, required):
    post_password(client, "boss")
    device = enrol(client, boss)
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    codes = client.post(reverse("two_factor:backup_tokens"))
    assert codes.status_code == 302
    assert boss.staticdevice_set.get().token_set.count() == 10


def test_a_password_only_session_cannot_add_a_device_next_to_the_existing_one(client, make_staff):
    editor = make_staff("ed", role=EDITORS)
    add_code_generator(editor)
    client.force_login(editor)  # a password, no code
    assert client.get(reverse("two_factor:setup")).status_code == 403
    response = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_security_page_lists_the_second_factors(client, boss):
    add_code_generator(boss)
    post_password(client, "boss")
    post_code(client, code_of(TOTPDevice.objects.get()))
    page = client.get(reverse("accounts:security"))
    assert "Recovery codes left" in page.text
    assert 'id="passkey-register-button"' in page.text
    # The library's scripts come from our static files: no inline script without a nonce.
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in page.text
    assert "cdnjs" not in page.text


def test_a_superuser_resets_a_colleagues_lost_device_and_an_editor_may_not(
    client, make_staff, boss
):
    editor = make_staff("ed", role=EDITORS)
    add_code_generator(editor)
    url = reverse("admin:auth_user_changelist")
    data = {"action": "reset_second_factors", "_selected_action": [editor.pk]}
    chief = make_staff("chief", role=CHIEF_EDITORS)
    client.force_login(chief)
    assert client.post(url, data).status_code == 403
    client.force_login(boss)
    response = client.post(url, data, follow=True)
    assert "Removed 1 device(s)" in response.text
    assert not TOTPDevice.objects.filter(user=editor).exists()


@pytest.mark.parametrize(
    "hostile", ["", "abcdef", "１２３４５６", "9" * 5000, "<b>1</b>", "12\x0034", "-1", "1e6"]
)
def test_hostile_codes_at_enrolment_are_form_errors(client, boss, hostile):
    client.force_login(boss)
    setup = reverse("two_factor:setup")
    step = "enrol_view-current_step"
    client.get(setup)
    client.post(setup, {step: "welcome"})
    response = client.post(setup, {step: "generator", "generator-token": hostile})
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not TOTPDevice.objects.filter(user=boss).exists()
