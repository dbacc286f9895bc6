"""An editor marks a paragraph of a recap as a spoiler from the editor's Block style menu."""

import pytest
from django.contrib.auth import get_user_model
from model_bakery import baker

from recaps.models import Recap
from tests.browser.editor import add_paragraph

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_marks_a_paragraph_as_a_spoiler_and_saves(live_server, page, screenshot):
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw-editor-123")
    show = baker.make("shows.Show", title="Soundtrack #2", slug="soundtrack-2")
    recap = baker.make(
        "recaps.Recap",
        episode=baker.make("shows.Episode", show=show, number=4),
        subtitle="The Rain Finally Breaks",
        slug="the-rain-finally-breaks",
        author=editor,
        body="<p>The duet.</p>",
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/recaps/recap/{recap.pk}/change/")

    body = page.locator(".field-body .prose-editor")
    editable = body.locator("[contenteditable=true]")
    add_paragraph(page, editable, "In the finale, K gets the last word.")
    spoiler = '.prose-menubar__option[data-name="nodeClass:paragraph:spoiler"]'
    menu = body.locator(".prose-menubar__dropdown", has=page.locator(spoiler))
    menu.locator(".prose-menubar__selected").click()
    menu.locator(spoiler).click()
    assert body.locator("[contenteditable=true] p.spoiler").count() == 1
    screenshot(page, "admin-recap-spoiler")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    assert Recap.objects.get(pk=recap.pk).body == (
        '<p>The duet.</p><p class="spoiler">In the finale, K gets the last word.</p>'
    )
