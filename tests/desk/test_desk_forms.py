"""What the desk's forms do, and what they refuse: checked on the server for each role, with
forged, replayed, malformed and unknown input (a 4xx, never a 500)."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from demo.factories import credit, hero_still, make_episode, make_person, make_recap, make_show
from desk.models import Assignment, AssignmentNotice, RelativeSchedule, ShowPlan
from desk.tasks import notify_assignment
from people.models import Credit
from recaps.models import Recap

from .conftest import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(db):
    show = make_show(
        title="Lighthouse",
        slug="lighthouse",
        premiere_date=date(2027, 3, 1),
        release_weekdays=[0],
        release_time=time(21, 0),
        time_zone="America/New_York",
    )
    ShowPlan.objects.create(
        show=show, subtitle_pattern="{title} ({number})", default_tags="finale watch, drama"
    )
    credit(make_person("Ada Lead"), show, role=Credit.Role.LEAD)
    return show


@pytest.fixture
def episode(show):
    return make_episode(show, 2, title="The Storm")


def post(user, name, pk, **data):
    return client_of(user).post(reverse(f"admin:desk_assignment_{name}", args=[pk]), data)


def test_an_editor_assigns_a_writer_and_a_reviewer_and_they_are_mailed_once(
    editor, writer, episode, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            editor, "assign", episode.pk, version=0, writer=writer.pk, reviewer=editor.pk
        )
    assert response.status_code == 302
    assignment = Assignment.objects.get(episode=episode)
    assert (assignment.writer, assignment.reviewer, assignment.version) == (writer, editor, 1)
    # The reviewer made the change: only the writer hears of it.
    assert [m.to for m in mail.outbox] == [[writer.email]]
    assert "Lighthouse Episode 2" in mail.outbox[0].subject
    notify_assignment.call(assignment.pk, 1)  # the task run again
    assert len(mail.outbox) == 1 and AssignmentNotice.objects.count() == 1


def test_a_writer_takes_a_free_episode_but_not_one_taken(writer, other_writer, episode):
    assert post(writer, "assign", episode.pk, version=0, take="1").status_code == 302
    assert Assignment.objects.get(episode=episode).writer == writer
    assert post(other_writer, "assign", episode.pk, version=1, take="1").status_code == 403
    assert Assignment.objects.get(episode=episode).writer == writer


def test_a_writer_may_not_assign_or_skip_even_with_a_forged_form(writer, other_writer, episode):
    Assignment.objects.create(episode=episode, writer=other_writer, version=1)
    forged = post(writer, "assign", episode.pk, version=1, writer=writer.pk)
    assert forged.status_code == 403
    assert post(writer, "skip", episode.pk, version=1, skipped="on").status_code == 403
    assert Assignment.objects.get(episode=episode).writer == other_writer


def test_a_replayed_form_is_refused_and_changes_nothing(editor, writer, other_writer, episode):
    post(editor, "assign", episode.pk, version=0, writer=writer.pk)
    replayed = post(editor, "assign", episode.pk, version=0, writer=other_writer.pk)
    assert replayed.status_code == 409
    assert Assignment.objects.get(episode=episode).writer == writer


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "x"},
        {"version": "-1"},
        {"version": "9" * 40},
        {"version": "0", "writer": "99999"},
        {"version": "0", "writer": "<script>alert(1)</script>"},
        {"version": "0", "reviewer": "écrivain"},
    ],
)
def test_malformed_assignments_are_a_400(editor, episode, data):
    assert post(editor, "assign", episode.pk, **data).status_code == 400
    assert not Assignment.objects.exists()


def test_a_moderator_is_not_a_writer_to_assign(editor, moderator, episode):
    assert post(editor, "assign", episode.pk, version=0, writer=moderator.pk).status_code == 400


def test_unknown_ids_are_404_and_gets_are_405(editor):
    assert post(editor, "assign", 999999, version=0).status_code == 404
    assert post(editor, "draft", 999999, version=0).status_code == 404
    assert post(editor, "schedule", 999999, hours=2, episode=1).status_code == 404
    client = client_of(editor)
    assert client.get(reverse("admin:desk_assignment_draft", args=[1])).status_code == 405


def test_skip_and_unskip(editor, episode):
    assert post(editor, "skip", episode.pk, version=0, skipped="on").status_code == 302
    assert Assignment.objects.get(episode=episode).skipped
    assert post(editor, "skip", episode.pk, version=1).status_code == 302
    assert not Assignment.objects.get(episode=episode).skipped


def test_one_click_makes_the_draft_prefilled_and_opens_it(writer, editor, episode):
    post(editor, "assign", episode.pk, version=0, writer=writer.pk)
    response = post(writer, "draft", episode.pk, version=1)
    recap = Recap.objects.get(episode=episode)
    assert response["Location"] == reverse("admin:recaps_recap_change", args=[recap.pk])
    assert recap.author == writer and recap.status == Recap.Status.DRAFT
    assert recap.subtitle == "The Storm (2)"
    assert "Ada Lead" in recap.intro
    assert set(recap.tags.names()) == {"finale watch", "drama"}
    assert client_of(writer).get(response["Location"]).status_code == 200
    again = post(writer, "draft", episode.pk, version=1)  # a double click opens the same draft
    assert again["Location"] == response["Location"] and Recap.objects.count() == 1


def test_a_writer_drafts_neither_someone_elses_episode_nor_a_skipped_one(
    writer, other_writer, editor, show
):
    theirs, skipped = make_episode(show, 3), make_episode(show, 4)
    Assignment.objects.create(episode=theirs, writer=other_writer, version=1)
    Assignment.objects.create(episode=skipped, skipped=True, version=1)
    assert post(writer, "draft", theirs.pk, version=1).status_code == 403
    assert post(editor, "draft", skipped.pk, version=1).status_code == 400
    assert not Recap.objects.exists()


def test_a_draft_of_a_free_episode_makes_the_writer_its_writer(writer, episode):
    assert post(writer, "draft", episode.pk, version=0).status_code == 302
    assert Assignment.objects.get(episode=episode).writer == writer


def publishable(episode, author):
    """A draft the pre-publish checks pass (warnings confirmed)."""
    recap = make_recap(
        episode,
        published=False,
        author=author,
        meta_description="The storm reaches the lighthouse and the keeper finally tells the truth.",
    )
    hero_still(recap)
    return recap


def test_a_writer_plans_relative_publication_and_an_editor_schedules_it(
    writer, editor, episode, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    recap = publishable(episode, writer)
    assert post(writer, "schedule", recap.pk, hours="2", episode=2).status_code == 302
    recap.refresh_from_db()
    assert recap.status == Recap.Status.DRAFT  # writers do not publish
    assert RelativeSchedule.objects.get(recap=recap).offset == timedelta(hours=2)
    response = post(editor, "schedule", recap.pk, hours="2", episode=2, confirm_warnings="on")
    assert response.status_code == 302, response.content.decode()
    recap.refresh_from_db()
    assert recap.state == Recap.State.SCHEDULED
    assert recap.published_at == timezone.datetime(2027, 3, 9, 4, 0, tzinfo=timezone.UTC)


def test_relative_schedules_refuse_what_cannot_be(writer, other_writer, editor, show, episode):
    recap = make_recap(episode, published=False, author=writer)
    assert post(other_writer, "schedule", recap.pk, hours="2", episode=2).status_code == 403
    assert post(writer, "schedule", recap.pk, hours="2", episode=77).status_code == 400
    assert post(writer, "schedule", recap.pk, hours="-1", episode=2).status_code == 400
    assert post(writer, "schedule", recap.pk, hours="1e9", episode=2).status_code == 400
    assert post(writer, "schedule", recap.pk, hours="two", episode=2).status_code == 400
    past = make_show(premiere_date=date(2020, 1, 1), release_time=time(20, 0))
    old = make_recap(make_episode(past, 1), published=False, author=writer)
    assert post(editor, "schedule", old.pk, hours="2", episode=1).status_code == 400
    untimed = make_show(premiere_date=date(2027, 1, 1))
    no_time = make_recap(make_episode(untimed, 1), published=False, author=writer)
    assert post(writer, "schedule", no_time.pk, hours="2", episode=1).status_code == 400
    assert not RelativeSchedule.objects.exists()


def test_failing_pre_publish_checks_are_a_400_and_schedule_nothing(editor, writer, episode):
    recap = make_recap(episode, published=False, author=writer, body="", intro="", review="")
    response = post(editor, "schedule", recap.pk, hours="2", episode=2)
    assert response.status_code == 400
    recap.refresh_from_db()
    assert recap.status == Recap.Status.DRAFT and not RelativeSchedule.objects.exists()


def test_a_mailer_that_fails_keeps_the_assignment_and_a_later_run_sends_the_mail(
    editor, writer, episode, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(editor, "assign", episode.pk, version=0, writer=writer.pk)
    assert response.status_code == 302
    assignment = Assignment.objects.get(episode=episode)
    assert assignment.writer == writer and not AssignmentNotice.objects.exists()
    monkeypatch.undo()
    assert notify_assignment.call(assignment.pk, 1) == 1  # the worker's retry
    assert [m.to for m in mail.outbox] == [[writer.email]]


def test_a_notice_for_an_older_version_sends_nothing(editor, writer, episode):
    post(editor, "assign", episode.pk, version=0, writer=writer.pk)
    post(editor, "assign", episode.pk, version=1, writer="", reviewer=editor.pk)
    assert notify_assignment.call(Assignment.objects.get().pk, 1) == 0
