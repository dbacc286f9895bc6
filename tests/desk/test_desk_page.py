"""The desk page: who lands on it, what each row says, its filters, and its query budget."""

from datetime import time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from demo.factories import make_recap
from desk.board import DeskState, rows_between
from desk.models import Assignment, ShowPlan

from .conftest import airing_show, client_of, episodes

pytestmark = pytest.mark.django_db
DESK = reverse("admin:desk_assignment_changelist")


def signed_in(user):
    user.set_password("pw-desk-123")
    user.save()
    return Client().post(
        reverse("admin:login"), {"username": user.username, "password": "pw-desk-123"}
    )


def test_writers_and_editors_land_on_the_desk_and_the_index_stays_reachable(writer, editor):
    for user in (writer, editor):
        assert signed_in(user)["Location"] == DESK
        assert client_of(user).get(reverse("admin:index")).status_code == 200


def test_a_page_asked_for_before_signing_in_still_wins(writer):
    writer.set_password("pw-desk-123")
    writer.save()
    recaps = reverse("admin:recaps_recap_changelist")
    response = Client().post(
        reverse("admin:login") + f"?next={recaps}",
        {"username": writer.username, "password": "pw-desk-123", "next": recaps},
    )
    assert response["Location"] == recaps


def test_a_moderator_does_not_land_on_the_desk_and_may_not_see_it(moderator):
    assert signed_in(moderator)["Location"] != DESK
    assert client_of(moderator).get(DESK).status_code == 403


def test_each_row_says_state_due_time_and_overdue(editor, writer):
    show = airing_show("Due Show", days_ago=14, at=time(0, 0))  # aired 14 and 7 days ago, today
    ShowPlan.objects.create(show=show, due_after=timedelta(hours=3))
    old, last_week, today = episodes(show, [1, 2, 3])
    Assignment.objects.create(episode=last_week, writer=writer)
    Assignment.objects.create(episode=today, skipped=True)
    now = timezone.now()
    rows = {row.episode.number: row for row in rows_between(now.date() - timedelta(7), now.date())}
    assert set(rows) == {2, 3}  # fourteen days ago is off the desk
    assert rows[2].state == DeskState.ASSIGNED and rows[2].overdue
    assert rows[2].due_at == rows[2].air_at + timedelta(hours=3)
    assert rows[3].state == DeskState.SKIPPED and not rows[3].overdue


def test_recap_states_read_as_the_desk_names_them(editor):
    show = airing_show(days_ago=21, count=4)
    drafted, reviewed, scheduled, live = episodes(show, [1, 2, 3, 4])
    make_recap(drafted, published=False)
    make_recap(reviewed, published=False, status="in_review")
    make_recap(scheduled, when=timezone.now() + timedelta(days=1))
    make_recap(live)
    today = timezone.now().date()
    states = {r.episode.number: r.state for r in rows_between(today - timedelta(30), today)}
    assert states == {
        1: DeskState.DRAFTING,
        2: DeskState.IN_REVIEW,
        3: DeskState.SCHEDULED,
        4: DeskState.LIVE,
    }


def test_a_writer_sees_my_assignments_first_and_filters_narrow_the_days(writer, other_writer):
    show = airing_show("Mine", days_ago=1, count=3)
    other = airing_show("Theirs", days_ago=1, count=3)
    mine, *_ = episodes(show, [1, 2])
    theirs, *_ = episodes(other, [1, 2])
    Assignment.objects.create(episode=mine, writer=writer)
    Assignment.objects.create(episode=theirs, writer=other_writer)
    client = client_of(writer)
    page = client.get(DESK).content.decode()
    assert page.index("My assignments") < page.index("Theirs")
    filtered = client.get(DESK, {"mine": "on"}).context["days"]
    assert [row.episode for _, rows in filtered for row in rows] == [mine]
    by_show = client.get(DESK, {"show": other.pk}).context["days"]
    assert {row.show for _, rows in by_show for row in rows} == {other}
    by_state = client.get(DESK, {"state": "unassigned"}).context["days"]
    assert {row.state for _, rows in by_state for row in rows} == {DeskState.UNASSIGNED}


def test_hostile_filters_are_ignored_not_a_500(editor):
    client = client_of(editor)
    for query in ({"show": "x' OR 1=1"}, {"state": "<script>"}, {"show": "9" * 30}):
        assert client.get(DESK, query).status_code == 200


def fill(shows, per_show, writer):
    for n in range(shows):
        show = airing_show(f"Busy {n}", days_ago=6, count=per_show)
        show.release_weekdays = list(range(7))  # daily
        show.save()
        for episode in episodes(show, range(1, per_show + 1)):
            Assignment.objects.create(episode=episode, writer=writer, reviewer=writer)
            make_recap(episode, published=False, author=writer)


def test_the_desk_costs_the_same_queries_for_few_or_many_episodes(
    editor, writer, django_assert_max_num_queries
):
    """The budget covers the session, user and permissions, the three desk queries (shows on
    the air, episodes with assignments, writers, reviewers and plans, their recaps), the
    writers and reviewers to pick, the show filter's options, the calendar key (made on the
    first visit), the held comments' count and the workflow dashboard (five)."""
    client = client_of(editor)
    fill(1, 2, writer)
    with django_assert_max_num_queries(20) as few:
        assert client.get(DESK).status_code == 200
    fill(4, 12, writer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DESK)
    assert sum(len(rows) for _, rows in response.context["days"]) >= 40


def test_the_calendar_shows_a_month_and_a_week(editor):
    show = airing_show("Calendar Show", days_ago=0)
    episodes(show, [1])
    client = client_of(editor)
    month = client.get(reverse("admin:desk_assignment_calendar"))
    assert month.status_code == 200 and "Calendar Show E1" in month.content.decode()
    week = client.get(reverse("admin:desk_assignment_calendar"), {"view": "week"})
    assert len(week.context["weeks"]) == 1 and "Calendar Show E1" in week.content.decode()
    for day in ("2026-13-45", "0001-01-01", "9999-12-31", "<script>"):
        calendar = client.get(reverse("admin:desk_assignment_calendar"), {"day": day})
        assert calendar.status_code == 400


def test_rows_give_the_air_time_in_the_desks_zone_and_the_shows(editor):
    show = airing_show("Late Show", days_ago=1, zone="America/New_York", at=time(21, 0))
    episodes(show, [1])
    page = client_of(editor).get(DESK).content.decode()
    assert "21:00 EST show time" in page or "21:00 EDT show time" in page
