"""A reader comments (held as first-time), a moderator approves it in the admin queue, and
the reader's next comment appears at once, while the same address typed in another browser is
held. The form has no CSRF token: Chromium's own Sec-Fetch-Site header lets the post through,
and only the held comment starts a session."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import grant_roles
from demo.factories import make_episode, make_recap, make_show
from discussion.models import CommentSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(live_server):
    grant_roles()
    moderator = get_user_model().objects.create_user("mod", "mod@example.com", "pw-mod-123")
    moderator.is_staff = True
    moderator.save()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    row = CommentSettings.load()
    row.min_seconds = 1
    row.save()
    recap = make_recap(make_episode(make_show(), 1), subtitle="The Song")
    return live_server.url, recap.get_absolute_url()


def write_comment(page, text):
    page.fill("#id_comment", text)
    page.fill("#id_name", "Ji-woo")
    page.fill("#id_email", "jiwoo@example.com")
    page.wait_for_timeout(1100)  # a person takes longer than the 1 s minimum set above
    page.click("button:has-text('Post Comment')")


def test_reader_held_then_approved_then_next_comment_at_once(browser, page, setup, screenshot):
    base_url, recap_path = setup
    page.goto(base_url + recap_path)
    assert page.context.cookies() == []  # the page a shared cache may keep sets none
    write_comment(page, "First time here!\nSecond line.")
    page.wait_for_url("**?posted=*")
    # The session shows the held comment; `commented` goes to the posting URL only.
    cookies = {cookie["name"]: cookie["path"] for cookie in page.context.cookies()}
    assert cookies == {"sessionid": "/", "commented": "/comments/post/"}
    held = page.locator(".comment--held")
    assert "Awaiting moderation" in held.inner_text()
    assert "Second line." in held.inner_text()
    screenshot(page, "comments-held")

    moderator = browser.new_context().new_page()
    moderator.goto(f"{base_url}/admin/login/")
    moderator.fill("#id_username", "mod")
    moderator.fill("#id_password", "pw-mod-123")
    moderator.click("input[type=submit]")
    moderator.wait_for_selector("text=1 comment awaiting moderation")
    moderator.click("text=1 comment awaiting moderation")
    moderator.check("input[name=_selected_action]")
    moderator.select_option("select[name=action]", "approve")
    moderator.click("button[name=index]")
    moderator.wait_for_selector("text=1 comment approved")
    moderator.context.close()

    # The reader reloads the page they landed on: the plain address may be a copy their
    # browser keeps for a minute (reader pages are cached publicly), a reload asks the site.
    page.reload()
    assert "1 comment" in page.inner_text("#comments-heading")
    write_comment(page, "Back again, straight through.")
    page.wait_for_selector("text=Back again, straight through.")
    assert "?posted=" in page.url
    assert "csrftoken" not in {cookie["name"] for cookie in page.context.cookies()}
    assert page.locator(".comment--held").count() == 0
    assert "2 comments" in page.inner_text("#comments-heading")
    screenshot(page, "comments-approved")

    # Someone else typing the reader's address in another browser is held.
    other = browser.new_context().new_page()
    other.goto(base_url + recap_path)
    write_comment(other, "Pretending to be Ji-woo.")
    other.wait_for_url("**?posted=*")
    assert "Awaiting moderation" in other.locator(".comment--held").inner_text()
    other.context.close()
