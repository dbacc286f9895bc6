"""The hourly run: counts in, old rows out, and its next run queued; the worker queues the
first one when it starts."""

from datetime import timedelta

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from readership.models import DailyViews
from readership.tasks import flush_views
from worker.scheduling import ensure_queued

pytestmark = pytest.mark.django_db


def test_rows_past_their_keeping_time_are_deleted(recap, settings):
    settings.READERSHIP_KEEP_DAYS = 30
    today = timezone.localdate()
    for days_ago in (0, 30, 31, 400):
        DailyViews.objects.create(recap=recap, day=today - timedelta(days=days_ago), views=1)
    assert flush_views.call()["forgotten"] == 2
    assert sorted((today - row.day).days for row in DailyViews.objects.all()) == [0, 30]


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued():
    return list(
        DBTaskResult.objects.filter(task_path="readership.tasks.flush_views").values_list(
            "status", "run_after"
        )
    )


def test_the_worker_queues_the_first_run_once(database_tasks):
    ensure_queued()
    ensure_queued()
    assert [status for status, _ in queued()] == [TaskResultStatus.READY]


def test_each_run_queues_the_next_just_after_the_hour(database_tasks):
    flush_views.call()
    flush_views.call()
    [(status, run_after)] = queued()
    assert status == TaskResultStatus.READY
    assert run_after.minute == 0 and run_after.second == 30
    assert timedelta(0) < run_after - timezone.now() <= timedelta(hours=1, seconds=30)
