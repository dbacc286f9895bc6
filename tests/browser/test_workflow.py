"""The editorial workflow in a real browser: a writer drafts and submits; an editor finds it in
the review list, previews it, fixes a blocking error and publishes; a reader sees it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import grant_roles
from demo.factories import make_episode
from recaps.models import Recap
from tests import images

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

META_OK = (
    "Su-ho and Hyeon-seo finally talk about the song they wrote together, and the rain does "
    "the rest in episode four."
)


@pytest.fixture
def newsroom(live_server, soundtrack, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    grant_roles()
    users = get_user_model().objects
    for name, group in (("wren", "Writers"), ("edie", "Editors")):
        user = users.create_user(
            name,
            f"{name}@example.com",
            f"pw-{name}-123",
            is_staff=True,
            first_name=name.title(),
            last_name="Park",
        )
        user.groups.add(Group.objects.get(name=group))
    make_episode(soundtrack, 4)
    return live_server.url


def log_in(browser, base_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_writer_submits_editor_previews_fixes_and_publishes_reader_sees_it(
    browser, newsroom, screenshot
):
    base_url = newsroom

    # The writer drafts: no status or publish time on their form.
    writer = log_in(browser, base_url, "wren")
    writer.goto(f"{base_url}/admin/recaps/recap/add/")
    assert writer.locator("#id_status").count() == 0
    assert writer.locator("#id_published_at_0").count() == 0
    writer.click("#id_episode + .select2")
    writer.fill(".select2-search__field", "Soundtrack")
    writer.click(".select2-results__option >> text=Soundtrack #2 Episode 4")
    writer.locator("#id_subtitle").press_sequentially("The Song Comes Home")
    for field, words in (
        ("intro", "Last week the duo split over a melody."),
        ("review", "The best hour of the season so far."),
    ):
        box = writer.locator(f".field-{field} [contenteditable=true]")
        box.click()
        box.press_sequentially(words)
    writer.fill("#id_verdict", "A quiet triumph.")
    writer.fill("#id_tags", "k-drama")
    writer.fill("#id_meta_description", "Too short to share.")  # the blocking error
    writer.click("#stills-group .add-row a")
    writer.set_input_files(
        "#id_stills-0-image",
        {"name": "still.png", "mimeType": "image/png", "buffer": images.png_bytes(320, 180)},
    )
    writer.fill("#id_stills-0-alt_text", "Two people share an umbrella in the rain")
    writer.check("#id_stills-0-is_hero")
    writer.click("input[name=_continue]")
    writer.wait_for_selector(".messagelist .success")
    writer.click("button:has-text('Submit for review')")
    writer.wait_for_selector(".messagelist .success")
    assert "In review" in writer.inner_text("#workflow-heading")
    assert writer.locator("button:has-text('Publish now')").count() == 0
    screenshot(writer, "workflow-writer-submitted")
    recap = Recap.objects.get(slug="the-song-comes-home")
    assert recap.status == Recap.Status.IN_REVIEW

    # The editor finds it in the review list on the admin index and previews it.
    editor = log_in(browser, base_url, "edie")
    review = editor.locator("#review-list")
    assert "Awaiting review (1)" in review.inner_text()
    review.locator("a", has_text="The Song Comes Home").click()
    editor.wait_for_selector("#workflow-heading")
    preview_url = editor.get_attribute("a:has-text('Preview')", "href")
    share_url = editor.input_value("#share-link")
    preview = editor.context.new_page()
    preview.goto(f"{base_url}{preview_url}")
    assert "The Song Comes Home" in preview.inner_text("h1")
    assert preview.locator("meta[name=robots][content*=noindex]").count() == 1
    screenshot(preview, "workflow-editor-preview")
    preview.close()

    # The checks block publishing until the meta description is fixed.
    checks = editor.inner_text(".workflow__checks")
    assert "The meta description is too short" in checks
    editor.click("button:has-text('Publish now')")
    editor.wait_for_selector(".messagelist .error")
    assert "Cannot publish" in editor.inner_text(".messagelist")
    assert Recap.objects.get(pk=recap.pk).status == Recap.Status.IN_REVIEW
    editor.fill("#id_meta_description", META_OK)
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    assert "All checks pass." in editor.inner_text(".workflow__checks")
    editor.click("button:has-text('Publish now')")
    editor.wait_for_selector(".messagelist .success")
    assert "Published" in editor.inner_text("#workflow-heading")
    assert "In review" in editor.locator(".workflow__history").text_content()
    screenshot(editor, "workflow-editor-published")

    # A reader (no account) sees it on the home page; the old share link still opens.
    reader = browser.new_context().new_page()
    reader.goto(f"{base_url}/")
    reader.click("a:has-text('The Song Comes Home')")
    headline = "Soundtrack #2 Episode 4 Recap and Review: The Song Comes Home"
    assert headline in reader.inner_text("h1")
    reader.goto(share_url)
    assert "The Song Comes Home" in reader.inner_text("h1")
    for page in (writer, editor, reader):
        page.context.close()


def test_an_editor_revokes_the_share_links_of_a_draft(browser, newsroom, soundtrack, screenshot):
    base_url = newsroom
    recap = Recap.objects.create(
        episode=make_episode(soundtrack, 5),
        author=get_user_model().objects.get(username="wren"),
        subtitle="Shared Too Early",
        slug="soundtrack-2-episode-5",
    )
    editor = log_in(browser, base_url, "edie")
    editor.goto(f"{base_url}/admin/recaps/recap/{recap.pk}/change/")
    sent = editor.input_value("#share-link")
    reader = browser.new_context().new_page()
    reader.goto(sent)
    assert "Shared Too Early" in reader.inner_text("h1")

    editor.click("button:has-text('Revoke share links')")
    editor.wait_for_selector(".messagelist .success")
    assert "no longer open this recap" in editor.inner_text(".messagelist")
    assert editor.input_value("#share-link") != sent
    for width in (1280, 390):
        editor.locator(".workflow__share").scroll_into_view_if_needed()
        screenshot(editor, f"workflow-share-links-revoked-{width}", width=width)

    reader.goto(sent)
    assert "This preview link was revoked" in reader.inner_text("h1")
    for width in (1280, 390):
        screenshot(reader, f"preview-link-revoked-{width}", width=width)
    for page in (editor, reader):
        page.context.close()
