"""The admin login with a second factor: a code from the app, a recovery code (once), a
replayed or wrong code (counted by the lockout), and hostile input in the code field."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from .conftest import (
    add_code_generator,
    add_recovery_codes,
    code_of,
    post_code,
    post_password,
)

pytestmark = pytest.mark.django_db


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


def test_a_password_alone_asks_for_the_code_of_an_enrolled_user(client, boss, required):
    add_code_generator(boss)
    response = post_password(client, "boss")
    assert response.status_code == 200
    assert "6-digit code" in response.text
    assert not is_in_admin(client)


def test_the_right_code_logs_in(client, boss, required):
    device = add_code_generator(boss)
    post_password(client, "boss")
    response = post_code(client, code_of(device))
    # A superuser lands on the desk, the admin's start page (settings.ADMIN_START_PAGE).
    assert response.status_code == 302 and response["Location"] == "/admin/desk/assignment/"
    assert is_in_admin(client)


def test_a_replayed_code_is_refused(client, boss, required):
    device = add_code_generator(boss)
    code = code_of(device)
    post_password(client, "boss")
    post_code(client, code)
    client.logout()
    post_password(client, "boss")
    response = post_code(client, code)
    assert response.status_code == 200
    assert "<title>Error: Log in" in response.text
    assert not is_in_admin(client)


def test_a_wrong_code_is_a_failure_the_lockout_counts(client, boss, required):
    add_code_generator(boss)
    post_password(client, "boss")
    response = post_code(client, "000000")
    assert response.status_code == 200 and "<title>Error: Log in" in response.text
    attempt = AccessAttempt.objects.get(username="boss", ip_address="203.0.113.5")
    assert attempt.failures_since_start == 1


def test_five_wrong_codes_lock_the_pair_out_even_with_the_password_known(client, boss, required):
    device = add_code_generator(boss)
    post_password(client, "boss")
    statuses = [post_code(client, "000000").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert post_password(client, "boss").status_code == 429
    # Neither a new password step nor the right code passes while locked out.
    assert post_code(client, code_of(device)).status_code != 302
    assert not is_in_admin(client)


def test_wrong_passwords_and_wrong_codes_add_up(client, boss, required):
    add_code_generator(boss)
    for _ in range(3):
        post_password(client, "boss", password="wrong")
    post_password(client, "boss")
    post_code(client, "000000")
    assert post_code(client, "111111").status_code == 429


def test_a_recovery_code_logs_in_once(client, boss, required):
    add_code_generator(boss)
    add_recovery_codes(boss, "alpha123", "bravo456")
    post_password(client, "boss")
    response = post_code(client, "alpha123", step="backup")
    assert response.status_code == 302
    assert is_in_admin(client)
    client.logout()
    post_password(client, "boss")
    response = post_code(client, "alpha123", step="backup")
    assert response.status_code == 200 and "<title>Error: Log in" in response.text
    assert not is_in_admin(client)


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        " ",
        "12345",
        "1234567",
        "abcdef",
        "１２３４５６",
        "١٢٣٤٥٦",
        "9" * 10_000,
        "<script>alert(1)</script>",
        "12\x0034",
        "' OR 1=1 --",
    ],
    ids=[
        "empty",
        "space",
        "short",
        "long",
        "letters",
        "fullwidth",
        "arabic",
        "huge",
        "script",
        "nul",
        "sql",
    ],
)
@pytest.mark.parametrize("step", ["token", "backup"])
def test_hostile_codes_are_form_errors(client, boss, required, hostile, step):
    add_code_generator(boss)
    add_recovery_codes(boss, "alpha123")
    post_password(client, "boss")
    response = post_code(client, hostile, step=step)
    assert response.status_code == 200
    assert "<title>Error: Log in" in response.text
    assert "<script>alert" not in response.text
    assert not is_in_admin(client)


def test_a_code_posted_without_a_password_step_is_a_form_error(client, boss, required):
    add_code_generator(boss)
    response = post_code(client, "123456")
    assert response.status_code in (200, 400)
    assert not is_in_admin(client)


def test_a_tampered_step_field_is_not_a_server_error(client, boss):
    response = client.post(
        "/admin/login/", {"staff_login_view-current_step": "nonsense", "username": "boss"}
    )
    assert response.status_code < 500


def test_behind_a_trusted_proxy_wrong_codes_count_against_the_readers_address(
    client, boss, required, settings
):
    settings.TRUSTED_PROXIES = ["1"]
    add_code_generator(boss)
    proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.23"}
    client.post(
        "/admin/login/",
        {"username": "boss", "password": "pw-staff-123", "staff_login_view-current_step": "auth"},
        **proxy,
    )
    client.post(
        "/admin/login/",
        {"token-otp_token": "000000", "staff_login_view-current_step": "token"},
        **proxy,
    )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.23"


@pytest.mark.parametrize("body", [b"", b"{", b'{"id": 1}', b"[]", "é".encode() * 5000])
@pytest.mark.parametrize(
    "name",
    ["credential-authentication-complete", "credential-registration-complete"],
)
def test_hostile_passkey_answers_are_refused_without_a_server_error(client, boss, name, body):
    client.force_login(boss)
    client.post(reverse("otp_webauthn:credential-authentication-begin"))
    client.post(reverse("otp_webauthn:credential-registration-begin"))
    response = client.post(reverse(f"otp_webauthn:{name}"), body, content_type="application/json")
    assert 400 <= response.status_code < 500
