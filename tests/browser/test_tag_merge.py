"""An editor merges two tags from the tag list; a writer is not offered the merge."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo.factories import make_episode, make_recap, make_show
from recaps.models import TaggedRecap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-tags-123"


@pytest.fixture
def tagged(live_server):
    from core.roles import grant_roles

    grant_roles()
    for username, group in (("eddie", "Editors"), ("wren", "Writers")):
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    show = make_show()
    make_recap(make_episode(show, 1)).tags.add("kdrama")
    make_recap(make_episode(show, 2)).tags.add("korean drama")
    return live_server.url


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_an_editor_merges_tags_and_a_writer_is_not_offered_it(page, tagged, screenshot):
    log_in(page, tagged, "wren")
    page.goto(f"{tagged}/admin/taggit/tag/")
    page.wait_for_selector("#result_list")
    assert "Merge selected tags" not in page.content()
    page.goto(f"{tagged}/admin/taggit/tag/merge-tags/")
    assert "403" in page.title() or "Forbidden" in page.content()

    page.context.clear_cookies()
    log_in(page, tagged, "eddie")
    page.goto(f"{tagged}/admin/taggit/tag/")
    for name in ("kdrama", "korean drama"):
        page.locator("tr", has_text=name).locator("input.action-select").check()
    page.select_option("select[name=action]", "render_tag_form")
    page.click("button[name=index]")
    page.wait_for_selector("#id_new_tag_name")
    page.fill("#id_new_tag_name", "k-drama")
    screenshot(page, "admin-tag-merge-1280")
    screenshot(page, "admin-tag-merge-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#merge-tags-form input[type=submit]")
    page.wait_for_selector(".messagelist")
    assert "Tags have been merged" in page.inner_text(".messagelist")
    screenshot(page, "admin-tag-merged-1280")
    assert sorted(TaggedRecap.objects.values_list("tag__name", flat=True)) == ["k-drama"] * 2
