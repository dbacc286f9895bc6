"""The episode desk in a real browser, as the newsroom uses it: an editor assigns an episode
from the desk; the writer finds it under "My assignments", creates the draft in one click,
writes it and plans it "2 h after the episode airs"; the editor schedules it; the show's
release time changes and the desk shows the publication moved with it."""

from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.roles import grant_roles
from demo.factories import credit, make_episode, make_person, make_show
from desk.models import ShowPlan
from people.models import Credit
from recaps.models import Recap
from tests import images

from .test_workflow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

META = (
    "The storm reaches the harbour, the lighthouse keeper tells the truth at last, and the "
    "town listens."
)


@pytest.fixture
def desk_site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    grant_roles()
    users = get_user_model().objects
    for name, group, first in (("wren", "Writers", "Wren"), ("edie", "Editors", "Edie")):
        user = users.create_user(
            name, f"{name}@example.com", f"pw-{name}-123", is_staff=True, first_name=first
        )
        user.last_name = "Park"
        user.save()
        user.groups.add(Group.objects.get(name=group))
    today = timezone.now().date()
    harbour = make_show(
        title="Harbour Lights",
        slug="harbour-lights",
        premiere_date=today - timedelta(days=5),
        release_weekdays=[(today - timedelta(days=5)).weekday()],
        release_time=time(21, 0),
        time_zone="America/New_York",
        planned_episode_count=8,
    )
    ShowPlan.objects.create(
        show=harbour, due_after=timedelta(hours=3), default_tags="harbour lights, mystery"
    )
    credit(make_person("Mina Cho"), harbour, role=Credit.Role.LEAD)
    for number, title in ((1, "Fog"), (2, "The Storm"), (3, "Low Tide")):
        make_episode(harbour, number, title=title)
    seoul = make_show(
        title="Midnight Radio",
        slug="midnight-radio",
        premiere_date=today - timedelta(days=2),
        release_weekdays=[(today - timedelta(days=2)).weekday()],
        release_time=time(22, 0),
        time_zone="Asia/Seoul",
        planned_episode_count=12,
    )
    for number in (1, 2, 3):
        make_episode(seoul, number, title=f"Track {number}")
    return live_server.url, make_episode(harbour, 2)


def row(page, episode):
    return page.locator(f"#episode-{episode.pk}").first


def look(page, screenshot, name):
    """The same page at a phone's width and a desktop's, for the screenshots we look at."""
    screenshot(page, f"{name}-390", width=390)
    screenshot(page, f"{name}-1280", width=1280)


def test_assign_draft_schedule_relative_and_follow_the_shows_new_schedule(
    browser, desk_site, screenshot
):
    base_url, storm = desk_site

    # The editor lands on the desk and assigns the writer to episode 2.
    editor = log_in(browser, base_url, "edie")
    assert editor.url.endswith("/admin/desk/assignment/")
    storm_row = row(editor, storm)
    storm_row.locator("select[name=writer]").select_option(label="Wren Park")
    storm_row.locator("select[name=reviewer]").select_option(label="Edie Park")
    storm_row.locator("button:has-text('Assign')").click()
    editor.wait_for_selector(".messagelist .success")
    assert "Assigned" in row(editor, storm).inner_text()

    # The writer finds it under "My assignments" and creates the draft in one click.
    writer = log_in(browser, base_url, "wren")
    mine = writer.locator(".desk-mine")
    assert "Harbour Lights · Episode 2" in mine.inner_text()
    look(writer, screenshot, "desk-writer")
    writer.set_viewport_size({"width": 1280, "height": 900})
    mine.locator("button:has-text('Create draft')").click()
    writer.wait_for_selector("#id_subtitle")
    assert writer.input_value("#id_subtitle") == "The Storm"
    assert "Mina Cho" in writer.inner_text(".field-intro")
    assert "mystery" in writer.input_value("#id_tags")
    review = writer.locator(".field-review [contenteditable=true]")
    review.click()
    review.press_sequentially("The best hour of the season.")
    writer.fill("#id_verdict", "A storm worth waiting for.")
    writer.fill("#id_meta_description", META)
    writer.click("#stills-group .add-row a")
    writer.set_input_files(
        "#id_stills-0-image",
        {"name": "still.png", "mimeType": "image/png", "buffer": images.png_bytes(320, 180)},
    )
    writer.fill("#id_stills-0-alt_text", "A lighthouse in the rain")
    writer.check("#id_stills-0-is_hero")
    writer.click("input[name=_continue]")
    writer.wait_for_selector(".messagelist .success")

    # Back on the desk the writer plans it for two hours after the episode airs.
    writer.goto(f"{base_url}/admin/desk/assignment/")
    plan = row(writer, storm).locator(".desk-relative")
    plan.locator("input[name=hours]").fill("2")
    plan.locator("button:has-text('Schedule')").click()
    writer.wait_for_selector(".messagelist .success")
    assert "an editor schedules it" in writer.inner_text(".messagelist")
    assert "2 h after episode 2 airs" in row(writer, storm).inner_text()

    # The editor schedules it as planned.
    editor.goto(f"{base_url}/admin/desk/assignment/")
    row(editor, storm).locator(".desk-relative button:has-text('Schedule')").click()
    editor.wait_for_selector(".messagelist .success")
    recap = Recap.objects.get(episode=storm)
    first_time = recap.published_at
    assert recap.state == Recap.State.SCHEDULED
    assert "Scheduled" in row(editor, storm).inner_text()

    # The show moves to 22:30: the desk shows the publication moved with it.
    harbour = storm.show
    editor.goto(f"{base_url}/admin/shows/show/{harbour.pk}/change/")
    editor.fill("#id_release_time", "22:30:00")
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")
    recap.refresh_from_db()
    assert recap.published_at == first_time + timedelta(minutes=90)
    editor.goto(f"{base_url}/admin/desk/assignment/")
    moved = row(editor, storm).locator(".desk-moved")
    assert "Moved from" in moved.inner_text()
    look(editor, screenshot, "desk-editor-moved")

    # The same week in the calendar.
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.goto(f"{base_url}/admin/desk/assignment/calendar/?view=week")
    if "Harbour Lights E2" not in editor.inner_text(".desk-calendar"):
        editor.click("a:has-text('Later →')")  # it airs early next week
    assert "Harbour Lights E2" in editor.inner_text(".desk-calendar")
    look(editor, screenshot, "desk-calendar-week")
    for page in (writer, editor):
        page.context.close()
