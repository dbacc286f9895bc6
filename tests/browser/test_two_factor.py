"""Staff two-factor login in Chromium: enrol from the QR page, log in with a code, a wrong
code, a recovery code; register a passkey and log in with it (a virtual authenticator through
the DevTools protocol). WebAuthn needs a secure context: http://localhost is one, and the
live server listens there."""

import base64

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-boss-123"
SHOTS = "two-factor"


@pytest.fixture
def boss(live_server, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url.replace("127.0.0.1", "localhost")]
    get_user_model().objects.create_superuser("boss", "boss@example.com", PASSWORD)
    return live_server.url.replace("127.0.0.1", "localhost")


@pytest.fixture
def new_page(browser):
    """Pages of browsers of their own (no shared cookies), closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def log_in_with_password(page, base_url):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form input[type=submit]")


def code_for(b32key, drift=0):
    return f"{totp(base64.b32decode(b32key), drift=drift):06d}"


def submit_code(page, field, code):
    page.fill(field, code)
    with page.expect_navigation():
        page.click("#login-form input[type=submit]")


def test_enrol_then_log_in_with_a_code_a_wrong_code_and_a_recovery_code(new_page, boss, screenshot):
    base_url = boss
    page = new_page()
    log_in_with_password(page, base_url)
    assert "/admin/account/verify/" in page.url
    page.click("text=Set up an authenticator app")
    with page.expect_navigation():
        page.click("input[value=Start]")
    qr = page.locator("img.qr-code")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    key = page.locator("#secret-key").inner_text().strip()
    screenshot(page, f"{SHOTS}-enrol-1280")
    screenshot(page, f"{SHOTS}-enrol-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#id_generator-token", code_for(key))
    with page.expect_navigation():
        page.click("input[value='Turn on two-factor login']")
    assert "Two-factor login is on" in page.content()
    with page.expect_navigation():
        page.click("text=Make recovery codes")
    with page.expect_navigation():
        page.click("input[value='Make new recovery codes']")
    recovery = page.locator(".recovery-codes code").first.inner_text()
    assert page.locator("#user-tools").count() == 1  # in the admin, verified

    other = new_page()
    log_in_with_password(other, base_url)
    assert other.locator("#id_token-otp_token").is_visible()
    screenshot(other, f"{SHOTS}-code-1280")
    screenshot(other, f"{SHOTS}-code-390", width=390)
    submit_code(other, "#id_token-otp_token", "000000")
    assert "errornote" in other.content() or "errorlist" in other.content()
    with other.expect_navigation():
        other.click("text=Lost your phone? Use a recovery code")
    submit_code(other, "#id_backup-otp_token", recovery)
    assert other.url.endswith("/admin/desk/assignment/")  # a superuser's start page
    assert other.locator("#user-tools").inner_text().lower().startswith("welcome, boss")

    third = new_page()
    log_in_with_password(third, base_url)
    # The enrolment used this 30 s step's code, which may not be replayed: the app's next
    # one (the device takes a step of clock drift either way).
    submit_code(third, "#id_token-otp_token", code_for(key, drift=1))
    assert third.url.endswith("/admin/desk/assignment/")


def add_virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_register_a_passkey_then_log_in_with_it_instead_of_the_password(new_page, boss, screenshot):
    base_url = boss
    page = new_page()
    refused_by_csp = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and refused_by_csp.append(message.text)
        ),
    )
    add_virtual_authenticator(page)
    log_in_with_password(page, base_url)
    assert "/admin/account/verify/" in page.url
    with page.expect_navigation():  # accounts/passkeys.js reloads once it is registered
        page.click("#passkey-register-button")
    page.goto(f"{base_url}/admin/account/")
    assert page.locator(".passkey-list li").count() == 1

    # The passkey as the second factor: the password opens nothing until it is used.
    with page.expect_navigation():
        page.click("#logout-form button")
    log_in_with_password(page, base_url)
    assert "/admin/account/verify/" in page.url
    page.click("#passkey-verification-button", no_wait_after=True)
    page.wait_for_url("**/admin/")
    assert page.locator("#user-tools").count() == 1

    # Instead of the password: the same browser (its authenticator holds the passkey).
    with page.expect_navigation():
        page.click("#logout-form button")
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    screenshot(page, f"{SHOTS}-login-1280")
    page.click("#passkey-verification-button", no_wait_after=True)
    page.wait_for_url("**/admin/")
    assert page.locator("#user-tools").inner_text().lower().startswith("welcome, boss")
    assert refused_by_csp == []
