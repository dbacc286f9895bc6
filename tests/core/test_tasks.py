"""The media storage's work runs on the task worker, not in the editor's request: an image saved
in the admin is stored, its renditions are made by `make_renditions`; a still deleted in the
admin leaves its files to `remove_files`. A storage that fails makes the task run again later,
logged once; a task that finds its row or its files gone has nothing to do."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import tasks
from core.media_faults import faults
from demo.factories import make_episode, make_recap, make_show, make_still
from recaps.models import Still
from tests import images
from tests.admin_forms import add_inline_rows, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_remembered_media_faults")]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
STORAGE_METHODS = ["_save", "_open", "delete", "exists", "size", "listdir"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media):
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


@pytest.fixture
def recap(media):
    return make_recap(make_episode(make_show(), 1))


@pytest.fixture
def storage_calls(monkeypatch):
    """Every call the media storage gets while the test runs, as (method, file name)."""
    calls = []

    def counted(method):
        real = getattr(FileSystemStorage, method)

        def call(storage, name, *args, **kwargs):
            calls.append((method, name))
            return real(storage, name, *args, **kwargs)

        return call

    for method in STORAGE_METHODS:
        monkeypatch.setattr(FileSystemStorage, method, counted(method))
    return calls


@pytest.fixture
def failing_deletes(monkeypatch):
    """The storage refuses the next `failing_deletes.left` deletes, as S3 away would."""
    real = FileSystemStorage.delete

    class Failing:
        left = 0

        def delete(self, storage, name):
            if self.left:
                self.left -= 1
                raise OSError("the bucket is unreachable")
            return real(storage, name)

    failing = Failing()
    monkeypatch.setattr(
        FileSystemStorage, "delete", lambda storage, name: failing.delete(storage, name)
    )
    return failing


def queued(a_task):
    return DBTaskResult.objects.filter(task_path=a_task.module_path).order_by("enqueued_at")


def run_due(a_task):
    """What the worker does with `a_task`'s rows that are due, inside the test's transaction."""
    for row in queued(a_task).ready():
        row.delete()
        task_result = row.task_result
        a_task.call(*task_result.args, **task_result.kwargs)


# In the admin: what an editor's request still does, and what it leaves to the worker.


def test_a_still_deleted_in_the_admin_touches_no_storage_and_the_worker_removes_its_files(
    settings, media, recap, editor_client, storage_calls, django_capture_on_commit_callbacks
):
    kept, dropped = make_still(recap), make_still(recap)
    dropped_files = images.still_files(dropped)
    settings.TASKS = DB_TASKS
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(editor_client.get(url))
    index = next(i for i in range(2) if data[f"stills-{i}-id"] == str(dropped.pk))
    data[f"stills-{index}-DELETE"] = "on"
    storage_calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert storage_calls == []
    assert dropped_files <= stored(media)
    assert [row.task_result.args for row in queued(tasks.remove_files)] == [
        ["recaps.Still", "image", dropped.image.name]
    ]

    run_due(tasks.remove_files)
    assert stored(media) == images.still_files(kept)


def test_an_image_uploaded_in_the_admin_is_stored_and_the_worker_makes_its_renditions(
    settings, media, recap, editor_client, client, storage_calls
):
    settings.TASKS = DB_TASKS
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = add_inline_rows(
        form_data(editor_client.get(url), "recap_form"),
        "stills",
        {"image": images.upload("rain.jpg", images.jpeg_bytes(1240, 698)), "alt_text": "Rain"},
    )
    storage_calls.clear()
    assert editor_client.post(url, data).status_code == 302
    still = Still.objects.get(alt_text="Rain")
    # The original, written once; no rendition encoded nor asked for.
    assert {name for _, name in storage_calls} == {still.image.name}
    assert stored(media) == {still.image.name}
    assert queued(tasks.make_renditions).count() == 1

    # Until the worker has run, the page holds the still's box at its size.
    page = client.get(recap.get_absolute_url()).content.decode()
    assert still.webp_800.name in page and 'alt="Rain" width="800" height="450"' in page

    run_due(tasks.make_renditions)
    assert stored(media) == images.still_files(still)


def test_saving_the_text_of_a_recap_queues_no_renditions_already_made(
    settings, media, recap, editor_client
):
    make_still(recap)
    settings.TASKS = DB_TASKS
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(editor_client.get(url), "recap_form")
    data["subtitle"] = "A new subtitle"
    assert editor_client.post(url, data).status_code == 302
    assert not queued(tasks.make_renditions).exists()


# A storage that fails: the task runs again later, and the log says it once.


def test_a_delete_the_storage_refuses_runs_again_later_until_it_succeeds(
    settings, media, recap, failing_deletes, caplog, django_capture_on_commit_callbacks
):
    still = make_still(recap)
    files = images.still_files(still)
    settings.TASKS = DB_TASKS
    caplog.set_level(logging.WARNING, logger="episodic.media")
    failing_deletes.left = 2
    with django_capture_on_commit_callbacks(execute=True):
        still.delete()

    now = timezone.now()
    run_due(tasks.remove_files)
    (again,) = queued(tasks.remove_files)
    assert again.task_result.kwargs == {"attempt": 2}
    assert again.run_after >= now + timedelta(seconds=settings.TASK_RETRY_DELAY_SECONDS)
    assert files & stored(media)

    with time_machine.travel(again.run_after + timedelta(seconds=1)):
        run_due(tasks.remove_files)
        (later,) = queued(tasks.remove_files)
        # The delay doubles.
        assert later.task_result.kwargs == {"attempt": 3}
        assert later.run_after - again.run_after >= timedelta(
            seconds=settings.TASK_RETRY_DELAY_SECONDS
        )
    with time_machine.travel(later.run_after + timedelta(seconds=1)):
        run_due(tasks.remove_files)
    assert not queued(tasks.remove_files).exists()
    assert not files & stored(media)
    away = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(away) == 1 and "the bucket is unreachable" in away[0].getMessage()
    assert [r for r in caplog.records if "is back" in r.getMessage()]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_renditions_the_storage_refused_are_made_on_a_later_attempt(
    settings, media, recap, monkeypatch
):
    still = make_still(recap)
    for name in images.still_files(still) - {still.image.name}:
        (media / name).unlink()
    cache.clear()  # imagekit remembers that they were made
    settings.TASKS = DB_TASKS
    real_save = FileSystemStorage._save

    def unreachable(storage, name, content):
        raise OSError("the bucket is unreachable")

    monkeypatch.setattr(FileSystemStorage, "_save", unreachable)
    args = ("recaps.Still", still.pk, "image", still.image.name)
    assert tasks.make_renditions.call(*args) is False
    (again,) = queued(tasks.make_renditions)
    assert again.task_result.args == list(args) and again.task_result.kwargs == {"attempt": 2}

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    faults.reset()
    assert tasks.make_renditions.call(*args, attempt=2) is True
    assert stored(media) == images.still_files(still)


def test_a_task_gives_up_after_its_last_attempt(settings, media, recap, failing_deletes, caplog):
    still = make_still(recap)
    settings.TASKS = DB_TASKS
    failing_deletes.left = 1
    Still.objects.filter(pk=still.pk).delete()
    tasks.remove_files.call("recaps.Still", "image", still.image.name, attempt=tasks.MAX_ATTEMPTS)
    assert not queued(tasks.remove_files).exists()
    assert [r.levelno for r in caplog.records if "gave up" in r.getMessage()] == [logging.ERROR]


# A task that finds nothing to do.


def test_a_task_for_a_row_deleted_since_makes_nothing(media, storage_calls):
    assert tasks.make_renditions.call("recaps.Still", 123456, "image", "stills/gone.jpg") is False
    assert storage_calls == []


def test_a_task_for_an_image_replaced_since_makes_nothing(media, recap, storage_calls):
    still = make_still(recap)
    storage_calls.clear()
    assert tasks.make_renditions.call("recaps.Still", still.pk, "image", "stills/old.jpg") is False
    assert storage_calls == []


def test_a_task_whose_files_are_already_gone_succeeds(
    media, recap, caplog, django_capture_on_commit_callbacks
):
    still = make_still(recap)
    with django_capture_on_commit_callbacks(execute=True):
        still.delete()
    assert stored(media) == set()
    caplog.clear()
    assert tasks.remove_files.call("recaps.Still", "image", still.image.name) is True
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# The real worker, in real transactions.


@pytest.mark.django_db(transaction=True)
def test_the_worker_removes_a_deleted_stills_files(settings, media):
    recap = make_recap(make_episode(make_show(), 1))
    still = make_still(recap)
    settings.TASKS = DB_TASKS
    still.delete()
    assert images.still_files(still) <= stored(media)
    call_command("db_worker", "--batch", verbosity=0)
    assert stored(media) == set()
