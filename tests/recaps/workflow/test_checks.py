"""Pre-publish checks: the pure rules, then over HTTP: errors block publishing (button and
form), warnings need "I have read the warnings"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recaps import checks
from recaps.models import Recap
from tests.admin_forms import form_data
from tests.recaps.workflow.conftest import META, make_ready_recap, published

GOOD = {
    "headline": "Soundtrack #2 Episode 4 Recap and Review: The song in the rain",
    "review": "<p>Good.</p>",
    "meta_description": META,
    "stills": [checks.StillFacts("Two people", True)],
    "also_read": [checks.PickFacts("Episode 3", True)],
    "competing": [],
    "air_date": date(2023, 12, 13),
    "publish_day": date(2023, 12, 14),
    "tags": ["k-drama"],
    "verdict": "Yes.",
}


def run(**changes):
    return checks.run(**{**GOOD, **changes})


def test_a_complete_recap_passes_every_check():
    assert run().clean


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stills": [checks.StillFacts("  ", True, "1")]}, "Still 1 has no alt text."),
        ({"review": "<p> </p>"}, "The review section is empty"),
        ({"headline": "x" * 111}, "The headline is too long: 111 characters, at most 110"),
        ({"headline": "Short"}, "The headline is too short"),
        ({"meta_description": "x" * 69}, "The meta description is too short: 69 characters"),
        ({"meta_description": "x" * 161}, "The meta description is too long: 161 characters"),
        ({"stills": [checks.StillFacts("Two people", False)]}, "No hero still"),
        ({"stills": []}, "No hero still"),
        ({"also_read": [checks.PickFacts("Draft pick", False)]}, "“Draft pick” is not published"),
        ({"competing": ["Another recap"]}, "already has a published recap: “Another recap”"),
    ],
)
def test_each_error_is_reported(changes, message):
    result = run(**changes)
    assert any(message in error for error in result.errors), result.errors


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"air_date": date(2023, 12, 20)}, "The episode airs on December 20, 2023"),
        ({"air_date": None}, "no air date"),
        ({"tags": []}, "no tags"),
        ({"verdict": ""}, "no one-sentence verdict"),
        ({"author_named": False}, "The author has no first or last name"),
    ],
)
def test_each_warning_is_reported_without_errors(changes, message):
    result = run(**changes)
    assert not result.errors
    assert any(message in warning for warning in result.warnings), result.warnings


def test_boundaries_are_inclusive():
    assert run(headline="x" * 110, meta_description="y" * 70).clean
    assert run(headline="x" * 30, meta_description="y" * 160).clean


def publish(client, recap, **data):
    url = reverse("admin:recaps_recap_transition", args=[recap.pk, "publish"])
    return client.post(url, data, follow=True)


def test_publish_button_is_blocked_by_errors_and_says_why(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review", review="")
    recap.stills.update(is_hero=False)
    client.force_login(users["editor"])
    page = publish(client, recap, confirm_warnings="1").content.decode()
    assert "Cannot publish: The review section is empty" in page
    assert "Cannot publish: No hero still" in page
    recap.refresh_from_db()
    assert recap.status == "in_review" and not recap.transitions.exists()


def test_change_page_lists_the_checks_before_publishing(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review", meta_description="")
    client.force_login(users["editor"])
    page = client.get(reverse("admin:recaps_recap_change", args=[recap.pk])).content.decode()
    assert "Pre-publish checks" in page
    assert "The meta description is too short: 0 characters" in page


def test_second_published_recap_for_an_episode_is_blocked(client, users, episodes):
    published(episodes[4], users["editor"])
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review")
    client.force_login(users["editor"])
    assert "already has a published recap" in publish(client, recap).content.decode()
    assert Recap.objects.get(pk=recap.pk).status == "in_review"


def test_unpublished_also_read_pick_is_blocked(client, users, episodes):
    pick = make_ready_recap(episodes[3], users["writer"], subtitle="A pick still in draft")
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review")
    recap.also_read.add(pick)
    client.force_login(users["editor"])
    assert "is not published" in publish(client, recap).content.decode()
    assert Recap.objects.get(pk=recap.pk).status == "in_review"


def test_warnings_need_confirmation_then_publish(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review", verdict="")
    client.force_login(users["editor"])
    page = publish(client, recap).content.decode()
    assert "Warning: The review has no one-sentence verdict." in page
    assert Recap.objects.get(pk=recap.pk).status == "in_review"
    publish(client, recap, confirm_warnings="1")
    assert Recap.objects.get(pk=recap.pk).is_published


def test_an_author_without_a_name_needs_confirmation_then_publishes_as_staff(
    client, users, episodes
):
    writer = users["writer"]
    writer.first_name = writer.last_name = ""
    writer.save()
    recap = make_ready_recap(episodes[4], writer, status="in_review")
    client.force_login(users["editor"])
    page = publish(client, recap).content.decode()
    assert "Warning: The author has no first or last name" in page
    publish(client, recap, confirm_warnings="1")
    assert Recap.objects.get(pk=recap.pk).is_published
    page = client.get(recap.get_absolute_url()).content.decode()
    assert 'class="byline__author">Episodic staff<' in page


def test_episode_not_aired_yet_is_a_warning(client, users, soundtrack):
    from demo.factories import make_episode

    soundtrack.premiere_date = timezone.localdate() + timedelta(days=30)
    soundtrack.save()
    recap = make_ready_recap(make_episode(soundtrack, 1), users["writer"], status="in_review")
    client.force_login(users["editor"])
    assert "after this recap goes live" in publish(client, recap).content.decode()
    assert Recap.objects.get(pk=recap.pk).status == "in_review"


def edit_to_published(client, recap, **changes):
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    now = timezone.localtime()
    data.update(
        status="published",
        published_at_0=now.strftime("%d/%m/%Y"),
        published_at_1=now.strftime("%H:%M:%S"),
        **changes,
    )
    return client.post(url, data)


def test_form_publishing_checks_the_values_being_saved(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review")
    client.force_login(users["editor"])
    response = edit_to_published(client, recap, review="", **{"stills-0-is_hero": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cannot publish: The review section is empty" in html
    assert "Cannot publish: No hero still" in html
    assert Recap.objects.get(pk=recap.pk).status == "in_review"
    # Fix the errors in the same form and publish.
    response = edit_to_published(client, recap, review="<p>Fixed.</p>")
    assert response.status_code == 302
    recap.refresh_from_db()
    assert recap.is_published
    assert recap.transitions.get().to_state == "published"


def test_form_publishing_with_warnings_needs_the_checkbox(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], status="in_review")
    client.force_login(users["editor"])
    response = edit_to_published(client, recap, tags="")
    assert "Tick “I have read the warnings”" in response.content.decode()
    assert Recap.objects.get(pk=recap.pk).status == "in_review"
    assert edit_to_published(client, recap, tags="", confirm_warnings="on").status_code == 302
    assert Recap.objects.get(pk=recap.pk).is_published


def test_form_refuses_a_move_the_table_does_not_have(client, users, episodes):
    recap = published(episodes[4], users["writer"])
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    data["status"] = "in_review"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A recap cannot go from Published to In review." in response.content.decode()
    assert Recap.objects.get(pk=recap.pk).is_published


def test_an_edit_may_not_break_a_live_recap(client, users, episodes):
    recap = published(episodes[4], users["writer"])
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    data.update(review="", **{"stills-0-alt_text": "A new alt text"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Cannot save this live recap: The review section is empty" in response.content.decode()
    recap.refresh_from_db()
    assert recap.review
    assert not recap.stills.filter(alt_text="A new alt text").exists()


def test_an_edit_of_a_live_recap_is_not_held_up_by_warnings(client, users, episodes):
    recap = published(episodes[4], users["writer"])
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    data.update(tags="", verdict="")
    assert client.post(url, data).status_code == 302
    recap.refresh_from_db()
    assert recap.verdict == "" and not recap.tags.exists()


def test_a_live_recap_with_old_problems_can_still_be_corrected(client, users, episodes):
    recap = published(episodes[4], users["writer"], meta_description="")
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    data.update(subtitle="A corrected subtitle")
    assert client.post(url, data).status_code == 302
    assert Recap.objects.get(pk=recap.pk).subtitle == "A corrected subtitle"
