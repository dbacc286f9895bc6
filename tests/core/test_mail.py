"""Mail handed to the mailer once (core.mail.send_once), whatever records it."""

import logging

import pytest
from django.core import mail as outbox
from django.core.mail import EmailMessage
from django.db import IntegrityError

from core.mail import send_once

pytestmark = pytest.mark.django_db(transaction=True)


class Record:
    def __init__(self):
        self.deleted = False

    def delete(self):
        self.deleted = True


def message(connection=None):
    return EmailMessage(
        "Subject", "Body", "from@example.com", ["to@example.com"], connection=connection
    )


def test_a_claimed_message_is_sent():
    assert send_once(message(), Record, "a message") is True
    assert len(outbox.outbox) == 1


def test_a_message_claimed_before_is_not_sent_again(caplog):
    caplog.set_level(logging.INFO, logger="core.mail")

    def claimed_before():
        raise IntegrityError("unique")

    assert send_once(message(), claimed_before, "The notice") is False
    assert outbox.outbox == []
    assert "The notice was sent by an earlier run" in caplog.text


def test_a_message_the_mailer_refuses_gives_its_claim_back():
    record = Record()
    with pytest.raises(ConnectionError):
        send_once(message(RefusingBackend()), lambda: record, "a message")
    assert record.deleted


class RefusingBackend:
    def send_messages(self, messages):
        raise ConnectionError("the mailer is down")
