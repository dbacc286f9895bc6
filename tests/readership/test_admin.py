"""The views report in the admin: editors see the chart and tables, writers are refused, and
the report's queries do not grow with the recaps read."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.factories import make_episode, make_recap, make_show
from readership.models import DailyViews

pytestmark = pytest.mark.django_db
REPORT = "/admin/readership/dailyviews/"


def staff(django_user_model, group):
    user = django_user_model.objects.create_user(username=group.lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def read_recaps(count, show=None):
    show = show or make_show(title="Alpha")
    recaps = []
    for number in range(1, count + 1):
        recap = make_recap(make_episode(show, number), subtitle=f"Part {number}")
        for days_ago, referrer in ((0, "t.co"), (3, ""), (40, "old.example")):
            DailyViews.objects.create(
                recap=recap,
                day=timezone.localdate() - timedelta(days=days_ago),
                referrer=referrer,
                views=number,
            )
        recaps.append(recap)
    return recaps


@pytest.fixture
def editor_user(django_user_model):
    return staff(django_user_model, "Editors")


def test_editors_see_the_chart_and_the_tables(client, editor_user):
    read_recaps(3)
    client.force_login(editor_user)
    html = client.get(REPORT).content.decode()
    assert '<svg viewBox="0 0 720 200" role="img"' in html
    assert html.count('class="views-chart__bar"') == 30
    assert "12 views from" in html  # (1 + 2 + 3) × 2 in the last 30 days
    for heading in ("Most read recaps", "Per show", "Per writer", "Referring sites"):
        assert heading in html
    assert "t.co" in html
    assert "old.example" not in html
    assert "old.example" in client.get(f"{REPORT}?days=90").content.decode()


def test_a_recaps_own_chart(client, editor_user):
    recap = read_recaps(2)[1]
    client.force_login(editor_user)
    html = client.get(f"{REPORT}recap/{recap.pk}/?days=7").content.decode()
    assert html.count('class="views-chart__bar"') == 7
    assert "4 views from" in html
    assert client.get(f"{REPORT}recap/999999/").status_code == 404


def test_writers_may_not_see_it(client, django_user_model):
    recap = read_recaps(1)[0]
    client.force_login(staff(django_user_model, "Writers"))
    assert client.get(REPORT).status_code == 403
    assert client.get(f"{REPORT}recap/{recap.pk}/").status_code == 403


def test_readers_are_sent_to_log_in(client):
    assert client.get(REPORT).status_code == 302


@pytest.mark.parametrize("days", ["", "0", "-7", "abc", "9" * 40, "７"])
def test_a_strange_period_is_the_default(client, editor_user, days):
    client.force_login(editor_user)
    response = client.get(f"{REPORT}?days={days}")
    assert response.status_code == 200
    assert response.content.decode().count('class="views-chart__bar"') == 30


def test_nobody_adds_changes_or_deletes_counts(client, django_user_model):
    recap = read_recaps(1)[0]
    client.force_login(django_user_model.objects.create_superuser(username="root"))
    row = DailyViews.objects.filter(recap=recap).first()
    assert client.get(f"{REPORT}add/").status_code == 403
    assert client.post(f"{REPORT}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert DailyViews.objects.filter(pk=row.pk).exists()


def test_the_report_runs_as_many_queries_for_ten_recaps_as_for_two(client, editor_user):
    client.force_login(editor_user)
    read_recaps(2)
    with CaptureQueriesContext(connection) as few:
        client.get(REPORT)
    read_recaps(10, make_show(title="Beta"))
    with CaptureQueriesContext(connection) as many:
        client.get(REPORT)
    assert len(many) == len(few)
