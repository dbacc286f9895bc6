import time

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from demo.factories import make_episode, make_recap, make_show
from discussion.admin import set_status
from discussion.forms import CommentForm
from discussion.models import Moderation


@pytest.fixture
def recap(db):
    show = make_show(title="Soundtrack #2", slug="soundtrack-2")
    return make_recap(make_episode(show, 1), subtitle="The Song", slug="soundtrack-2-episode-1")


def form_data(recap, served_ago=10, **fields):
    """A filled comment form as the recap page serves it, `served_ago` seconds ago."""
    form = CommentForm(recap)
    timestamp = int(time.time()) - served_ago
    data = {
        "content_type": "recaps.recap",
        "object_pk": str(recap.pk),
        "timestamp": str(timestamp),
        "security_hash": form.initial_security_hash(timestamp),
        "name": "Ji-woo",
        "email": "jiwoo@example.com",
        "url": "",
        "comment": "What a lovely episode.",
        "honeypot": "",
        "reply_to": "0",
    }
    data.update(fields)
    return data


def make_comment(recap, status=Moderation.Status.APPROVED, parent=None, **fields):
    fields.setdefault("user_name", "Reader")
    fields.setdefault("user_email", "reader@example.com")
    fields.setdefault("comment", "A comment.")
    from django.utils import timezone

    fields.setdefault("submit_date", timezone.now())

    comment = XtdComment(
        content_object=recap,
        site_id=1,
        parent_id=parent.pk if parent else 0,
        **Moderation.FLAGS[status],
        **fields,
    )
    comment.save()
    Moderation.objects.filter(comment=comment).update(status=status)
    return comment


@pytest.fixture
def post(client):
    def send(data, **extra):
        return client.post(reverse("discussion:post"), data, **extra)

    return send


def become_known(client, recap, email="jiwoo@example.com"):
    """`client`'s browser posts a comment under `email` and a moderator approves it: its next
    comments under that address are a known commenter's. Returns the approved comment."""
    client.post(reverse("discussion:post"), form_data(recap, email=email, comment="My first."))
    comment = XtdComment.objects.latest("pk")
    set_status(XtdComment.objects.filter(pk=comment.pk), Moderation.Status.APPROVED)
    return comment


@pytest.fixture
def known_commenter(client, recap):
    """The test's client is known as jiwoo@example.com (`become_known`)."""
    return become_known(client, recap)
