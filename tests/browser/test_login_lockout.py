"""A locked-out admin login in a real browser: five wrong passwords, the lockout page, a
superuser unlocks the pair in the admin, then the right password works."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accounts(live_server):
    users = get_user_model().objects
    users.create_user("wren", "wren@example.com", "pw-wren-123", is_staff=True)
    users.create_superuser("boss", "boss@example.com", "pw-boss-123")
    return live_server.url


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def submit_login(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_five_wrong_passwords_lock_out_until_a_superuser_unlocks(browser, accounts, screenshot):
    base_url = accounts
    page = new_page(browser)
    for _ in range(4):
        submit_login(page, base_url, "wren", "wrong-password")
        assert "Please enter the correct username and password" in page.content()
    submit_login(page, base_url, "wren", "wrong-password")
    assert page.locator("#content h1").inner_text() == "Too many failed logins"
    assert "Try again in 60 minutes" in page.content()
    assert page.locator("#site-name").inner_text() == "Episodic editors"
    screenshot(page, "admin-lockout")

    submit_login(page, base_url, "wren", "pw-wren-123")
    assert page.locator("#content h1").inner_text() == "Too many failed logins"

    boss = new_page(browser)
    submit_login(boss, base_url, "boss", "pw-boss-123")
    boss.goto(f"{base_url}/admin/axes/accessattempt/")
    boss.check("input[name=_selected_action]")
    boss.select_option("select[name=action]", "delete_selected")
    with boss.expect_navigation():
        boss.click("button[name=index]")
    with boss.expect_navigation():
        boss.click("input[type=submit]")
    assert "Successfully deleted 1 access attempt" in boss.content()

    submit_login(page, base_url, "wren", "pw-wren-123")
    assert page.locator("#user-tools").inner_text().lower().startswith("welcome, wren")
    assert "login" not in page.url
