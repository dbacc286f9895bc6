"""Mail goes out from the task worker, never inside the reader's request."""

import re
import smtplib

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from discussion.models import MailDelivery, Moderation

from .conftest import form_data, make_comment

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def moderator_user(db, django_user_model):
    user = django_user_model.objects.create_user(
        "mod", email="mod@example.com", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_held_comment_only_enqueues_and_the_worker_mails_moderators(recap, post, moderator_user):
    post(form_data(recap))
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, verbosity=0)
    assert [message.to for message in mail.outbox] == [["mod@example.com"]]
    assert "awaits moderation" in mail.outbox[0].subject
    assert "jiwoo@example.com" not in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_spam_sends_no_mail(recap, post, moderator_user):
    post(form_data(recap, honeypot="x"))
    call_command("db_worker", batch=True, verbosity=0)
    assert mail.outbox == []


def test_approved_reply_mails_followers_with_a_working_unsubscribe_link(
    known_commenter, recap, post, client, django_capture_on_commit_callbacks
):
    make_comment(recap, user_email="follower@example.com", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(form_data(recap, comment="A reply for you"))
    assert [message.to for message in mail.outbox] == [["follower@example.com"]]
    body = mail.outbox[0].body
    assert "A reply for you" in body
    mute = re.search(r"http://testserver(/comments/mute/\S+/)", body).group(1)
    response = client.get(mute)
    assert response.status_code == 200
    assert b"no more reply e-mails" in response.content
    assert not Moderation.objects.get(comment__user_email="follower@example.com").comment.followup


def test_held_reply_mails_no_followers(recap, post, django_capture_on_commit_callbacks):
    make_comment(recap, user_email="follower@example.com", followup=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(form_data(recap))
    assert all(message.to != ["follower@example.com"] for message in mail.outbox)


class RefusingMailer(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_a_follow_up_task_run_again_mails_no_follower_twice(recap):
    from discussion.tasks import notify_followers

    make_comment(recap, user_email="first@example.com", followup=True)
    make_comment(recap, user_email="second@example.com", followup=True)
    reply = make_comment(recap, user_email="jiwoo@example.com")
    notify_followers.call(reply.pk)
    notify_followers.call(reply.pk)
    assert sorted(message.to for message in mail.outbox) == [
        ["first@example.com"],
        ["second@example.com"],
    ]
    assert MailDelivery.objects.filter(comment=reply).count() == 2
    assert not MailDelivery.objects.filter(recipient__contains="@").exists()


def test_moderators_get_a_message_each_and_once(recap, moderator_user, django_user_model):
    from discussion.tasks import notify_moderators

    other = django_user_model.objects.create_user("mod2", email="mod2@example.com")
    other.groups.add(Group.objects.get(name="Moderators"))
    held = make_comment(recap, status=Moderation.Status.HELD)
    assert notify_moderators.call(held.pk) == 2
    assert notify_moderators.call(held.pk) == 2
    assert sorted(message.to for message in mail.outbox) == [
        ["mod2@example.com"],
        ["mod@example.com"],
    ]


def test_a_message_the_mailer_refused_goes_out_with_the_next_run(recap, settings):
    from discussion.tasks import notify_followers

    make_comment(recap, user_email="follower@example.com", followup=True)
    reply = make_comment(recap, user_email="jiwoo@example.com")
    mailers = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingMailer"}}
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notify_followers.call(reply.pk)
    assert not MailDelivery.objects.exists()
    settings.MAILERS = mailers
    notify_followers.call(reply.pk)
    assert [message.to for message in mail.outbox] == [["follower@example.com"]]
