"""The recap form keeps a local draft in the editor's browser: a closed tab or a save that
failed loses no paragraph; opening the form again brings it back with a notice and a way to
discard it; a successful save clears it."""

from html import escape

import pytest
from django.contrib.auth import get_user_model
from model_bakery import baker
from playwright.sync_api import expect

from recaps.models import Recap
from tests.browser.editor import add_paragraph

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPH = "K plays the last chord <alone> & the rain stops."
NOTICE = "#recap-draft-notice"


@pytest.fixture
def editor_context(browser, live_server):
    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw-editor-123")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    page.close()
    yield context, editor
    context.close()


@pytest.fixture
def recap(editor_context):
    _, editor = editor_context
    show = baker.make("shows.Show", title="Soundtrack #2", slug="soundtrack-2")
    return baker.make(
        "recaps.Recap",
        episode=baker.make("shows.Episode", show=show, number=4),
        subtitle="The Rain Finally Breaks",
        slug="the-rain-finally-breaks",
        author=editor,
        body="<p>The duet.</p>",
    )


def open_form(context, url):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    page.wait_for_selector(".field-body .prose-editor [contenteditable=true]")
    return page


def type_paragraph(page, text):
    add_paragraph(page, page.locator(".field-body .prose-editor [contenteditable=true]"), text)


def drafts(page):
    keys = page.evaluate("Object.keys(localStorage)")
    return [key for key in keys if key.startswith("episodic:recap-draft:")]


def body_paragraphs(page):
    return page.locator(".field-body .prose-editor [contenteditable=true] p").all_inner_texts()


def test_a_closed_tab_loses_no_paragraph_and_the_draft_can_be_discarded(
    live_server, editor_context, recap, screenshot
):
    context, _ = editor_context
    url = f"{live_server.url}/admin/recaps/recap/{recap.pk}/change/"
    page = open_form(context, url)
    assert page.locator(NOTICE).count() == 0
    type_paragraph(page, PARAGRAPH)
    page.fill("#id_subtitle", "The Rain Finally Breaks, Again")
    page.close()

    page = open_form(context, url)
    expect(page.locator(NOTICE)).to_contain_text("Restored your unsaved changes")
    assert body_paragraphs(page) == ["The duet.", PARAGRAPH]
    assert page.input_value("#id_subtitle") == "The Rain Finally Breaks, Again"
    for width in (390, 1280):
        path = screenshot(page, f"admin-recap-draft-restored-{width}", width=width)
        assert path.exists()

    page.get_by_role("button", name="Discard the draft").click()
    expect(page.locator(NOTICE)).to_contain_text("Draft discarded")
    assert body_paragraphs(page) == ["The duet."]
    assert page.input_value("#id_subtitle") == "The Rain Finally Breaks"
    page.close()
    page = open_form(context, url)
    assert page.locator(NOTICE).count() == 0
    assert Recap.objects.get(pk=recap.pk).body == "<p>The duet.</p>"


def test_a_failed_save_keeps_the_draft_and_a_successful_one_clears_it(
    live_server, editor_context, recap
):
    context, _ = editor_context
    url = f"{live_server.url}/admin/recaps/recap/{recap.pk}/change/"
    page = open_form(context, url)
    type_paragraph(page, PARAGRAPH)

    # The database away: the save answers the 503 page (no script of ours on it).
    def unavailable(route):
        if route.request.method == "POST":
            route.fulfill(status=503, body="<h1>Nothing was stored</h1>", content_type="text/html")
        else:
            route.continue_()

    page.route(url, unavailable)
    page.click("input[name=_continue]")
    page.wait_for_selector("text=Nothing was stored")
    page.close()
    assert Recap.objects.get(pk=recap.pk).body == "<p>The duet.</p>"

    page = open_form(context, url)
    expect(page.locator(NOTICE)).to_contain_text("Restored your unsaved changes")
    assert body_paragraphs(page) == ["The duet.", PARAGRAPH]
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    stored = Recap.objects.get(pk=recap.pk).body
    assert stored == f"<p>The duet.</p><p>{escape(PARAGRAPH, quote=False)}</p>"
    assert page.locator(NOTICE).count() == 0
    page.close()

    page = open_form(context, url)
    assert page.locator(NOTICE).count() == 0
    assert drafts(page) == []


def test_the_add_form_keeps_its_own_draft_until_the_recap_is_added(live_server, editor_context):
    context, _ = editor_context
    url = f"{live_server.url}/admin/recaps/recap/add/"
    page = open_form(context, url)
    type_paragraph(page, PARAGRAPH)
    page.close()
    page = open_form(context, url)
    expect(page.locator(NOTICE)).to_contain_text("Restored your unsaved changes")
    assert PARAGRAPH in body_paragraphs(page)
    assert drafts(page) == ["episodic:recap-draft:/admin/recaps/recap/add/"]
