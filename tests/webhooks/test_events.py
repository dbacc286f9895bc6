"""Which changes are sent, heard from the apps' own signals: a recap going live (now, or by the
worker at its scheduled time), a live recap's text or address changing, a live recap taken
off the site, a comment made public (posted, approved in the queue, the site's reply), a show's
release schedule changing. Only to endpoints that asked for the event, and nothing for saves
that change nothing readers see."""

from datetime import time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from demo.factories import make_episode, make_recap
from discussion import moderation
from discussion.admin import set_status
from discussion.models import Moderation
from discussion.rules import Decision
from recaps.models import Recap
from tests.discussion.conftest import make_comment
from webhooks import tasks
from webhooks.models import Delivery, Event

from .conftest import make_endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(receiver, django_capture_on_commit_callbacks):
    """Run `change()` with its commit callbacks and tasks; the types of messages received."""
    make_endpoint(receiver.url())

    def run(change):
        receiver.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return [message["type"] for message in receiver.messages()]

    return run


def test_publish_edit_and_unpublish_a_recap(sent, soundtrack, editor, receiver):
    recap = make_recap(make_episode(soundtrack, 4), published=False, author=editor)
    assert sent(recap.save) == []  # a draft

    def publish():
        recap.status, recap.published_at = Recap.Status.PUBLISHED, timezone.now()
        recap.save()

    assert sent(publish) == ["recap.published"]
    data = receiver.messages()[0]["data"]
    assert data["slug"] == recap.slug
    assert (data["show"]["slug"], data["show"]["title"]) == ("soundtrack-2", "Soundtrack #2")
    assert sent(recap.save) == []  # saved, nothing changed

    def correct():
        recap.verdict = "Better than the last one."
        recap.save()

    assert sent(correct) == ["recap.updated"]
    assert receiver.messages()[0]["data"]["verdict"] == "Better than the last one."

    def unpublish():
        recap.status = Recap.Status.UNPUBLISHED
        recap.save()

    assert sent(unpublish) == ["recap.unpublished"]
    assert receiver.messages()[0]["data"] == {"id": recap.pk, "slug": recap.slug}


def test_only_subscribed_enabled_endpoints_get_an_event(receiver, soundtrack, editor, capture):
    make_endpoint(receiver.url("/ok?only-shows"), events=[Event.SHOW_SCHEDULE_CHANGED])
    make_endpoint(receiver.url("/ok?off"), enabled=False)
    with capture(execute=True):
        make_recap(make_episode(soundtrack, 4), author=editor, when=timezone.now())
    assert receiver.received == [] and not Delivery.objects.exists()


def test_a_recap_taken_off_before_its_message_is_built_is_not_described(
    receiver, soundtrack, editor
):
    make_endpoint(receiver.url())
    draft = make_recap(make_episode(soundtrack, 4), published=False, author=editor)
    assert tasks.announce.call(Event.RECAP_PUBLISHED, draft.pk) == 0
    assert tasks.announce.call(Event.RECAP_UPDATED, draft.pk) == 0
    assert not Delivery.objects.exists()


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


# The database worker runs in real transactions, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_recap_is_announced_by_the_worker_when_it_goes_live(
    receiver, settings, soundtrack, editor
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_endpoint(receiver.url())
    goes_live = timezone.now() + timedelta(hours=3)
    moved = make_recap(make_episode(soundtrack, 5), when=goes_live, author=editor)
    make_recap(make_episode(soundtrack, 4), when=goes_live, author=editor)
    moved.published_at = goes_live + timedelta(days=1)  # rescheduled: its first task stands down
    moved.save()
    call_command("db_worker", "--batch", verbosity=0)
    assert receiver.received == []  # not yet
    with time_machine.travel(goes_live + timedelta(seconds=5)):
        call_command("db_worker", "--batch", verbosity=0)
    assert [(m["type"], m["data"]["episode"]["number"]) for m in receiver.messages()] == [
        ("recap.published", 4)
    ]


def test_comments_made_public_are_announced(sent, recap, receiver, editor_client):
    held = make_comment(
        recap, status=Moderation.Status.HELD, comment="Wow [spoiler]he dies[/spoiler]"
    )
    assert sent(lambda: set_status(XtdComment.objects.filter(pk=held.pk), "approved")) == [
        "comment.approved"
    ]
    data = receiver.messages()[0]["data"]
    assert data["text"] == "Wow [spoiler hidden]"
    assert (data["recap"]["id"], data["recap"]["slug"]) == (recap.pk, recap.slug)
    assert sent(lambda: set_status(XtdComment.objects.filter(pk=held.pk), "removed")) == []

    def reply():
        editor_client.post(
            f"/admin/django_comments_xtd/xtdcomment/{held.pk}/reply/", {"comment": "Thanks!"}
        )

    assert sent(reply) == ["comment.approved"]


def test_a_comment_posted_and_approved_at_once_is_announced(sent, recap):
    from django.contrib.contenttypes.models import ContentType

    comment = {
        "content_type": ContentType.objects.get_for_model(Recap),
        "object_pk": str(recap.pk),
        "site_id": 1,
        "user_name": "Ji-woo",
        "user_email": "jiwoo@example.com",
        "comment": "What a lovely episode.",
        "submit_date": timezone.now(),
    }
    posted = sent(lambda: moderation.store(comment, Decision("approved"), receipt="r1"))
    assert posted == ["comment.approved"]
    comment["comment"] = "Held, this one."
    assert sent(lambda: moderation.store(comment, Decision("held"), receipt="r2")) == []


def test_a_show_schedule_change_is_announced_and_other_edits_are_not(sent, soundtrack, receiver):
    def retitle():
        soundtrack.synopsis = "Two songwriters."
        soundtrack.save()

    assert sent(retitle) == []

    def move():
        soundtrack.release_time = time(14, 0)
        soundtrack.save()

    assert sent(move) == ["show.schedule_changed"]
    data = receiver.messages()[0]["data"]
    assert data["schedule"]["release_time"] == "14:00:00"
    assert data["schedule"]["weekdays"] == ["wednesday"]
    assert data["schedule"]["time_zone"] == "Asia/Kolkata"
