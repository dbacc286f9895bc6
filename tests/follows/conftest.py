"""Followers by e-mail: mail goes to a real SMTP server of the test's own (aiosmtpd,
tests.smtp_sink.SmtpSink) and the tests read the messages it accepted."""

import email
import email.policy
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from model_bakery import baker

from follows.models import Follow, Follower

ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def smtp(settings, smtp_sink):
    """Django's SMTP backend pointed at the sink; the sink, whose `mails()` are the parsed
    messages it accepted."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "use_tls": False},
        }
    }
    settings.FOLLOWS_SEND_RATE = 0
    smtp_sink.mails = lambda: [parse(content) for _, content in smtp_sink.messages]
    return smtp_sink


def parse(content):
    return email.message_from_bytes(content, policy=email.policy.default)


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message, kind):
    """The first /follow/<kind>/… link in a message's text part, as a path."""
    found = re.search(rf"https?://[^/\s]+(/follow/{kind}/[^\s]+/)", text_of(message))
    assert found, f"no {kind} link in:\n{text_of(message)}"
    return found[1]


def make_follower(email_address, show=None, frequency=Follow.Frequency.EACH, **fields):
    """A confirmed follower of `show` (None: everything), confirmed a day ago."""
    confirmed = timezone.now() - timedelta(days=1)
    fields = {
        "state": Follower.State.CONFIRMED,
        "source": Follower.Source.SHOW_HUB,
        "consent_wording": "2026-12",
        "time_zone": "UTC",
        "confirmed_at": confirmed,
        **fields,
    }
    follower = baker.make(Follower, email=email_address, **fields)
    Follow.objects.create(
        follower=follower, show=show, frequency=frequency, confirmed_at=confirmed, confirm_key=""
    )
    return follower


def follow_form(show=None, /, **changes):
    data = {
        "email": "reader@example.com",
        "show": show.slug if show else "",
        "frequency": "each",
        "time_zone": "Europe/Berlin",
        "source": "show_hub" if show else "footer",
        "wording": "2026-12",
    }
    return {**data, **changes}
