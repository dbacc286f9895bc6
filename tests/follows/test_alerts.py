"""Alerts when a recap goes live, read at a real SMTP server: the headers (one-click
unsubscribe, Message-ID on the site's domain, multipart), the spoiler rules of the subject and
the body, and exactly one message per follower however the recap is edited, unpublished or
published again."""

import re
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from demo.factories import make_episode, make_recap, make_still
from follows import sending
from follows.models import Delivery, Follow, Follower
from recaps.models import Recap
from tests.follows.conftest import html_of, make_follower, text_of

pytestmark = pytest.mark.django_db

SUBTITLE = "The Kiss in the Rain at Last"
VERDICT = "A real argument and a kiss that costs."
SPOILER = "Su-ho leaves for good in the finale."


@pytest.fixture
def publish(django_capture_on_commit_callbacks, editor):
    """Publish a new recap of `show`'s episode `number` now (signals and tasks run)."""

    def make(show, number=4, **fields):
        fields = {
            "subtitle": SUBTITLE,
            "verdict": VERDICT,
            "intro": f'<p>Last week Hyeon-seo took the job.</p><p class="spoiler">{SPOILER}</p>',
            "meta_description": "Su-ho and Hyeon-seo kiss.",
            "author": editor,
            **fields,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return make_recap(make_episode(show, number), when=timezone.now(), **fields)

    return make


@pytest.fixture
def followers(soundtrack):
    return [make_follower(f"fan{n}@example.com", show=soundtrack) for n in range(3)]


def test_a_recap_going_live_mails_each_follower_once(smtp, soundtrack, followers, publish):
    publish(soundtrack)
    assert sorted(smtp.recipients()) == [f"fan{n}@example.com" for n in range(3)]
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 3


def test_alert_headers(smtp, soundtrack, followers, publish):
    publish(soundtrack)
    message = smtp.mails()[0]
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert re.fullmatch(r"<[^@>]+@testserver>", message["Message-ID"])
    https, mailto = message["List-Unsubscribe"].split(", ")
    assert re.fullmatch(r"<https://testserver/follow/unsubscribe/[^/>]+/>", https)
    assert mailto == "<mailto:unsubscribe@testserver?subject=unsubscribe>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["From"] == "Episodic <noreply@localhost>"
    html = html_of(message)
    assert "Episodic, 1 Example Street, 10115 Berlin, Germany" in html
    assert "Episodic, 1 Example Street" in text_of(message)
    assert 'role="presentation"' in html and 'style="' in html  # a table layout, inline CSS
    assert "/follow/manage/" in html and "FOLLOWS" not in html


def test_list_unsubscribe_is_a_plain_url_on_the_wire(smtp, soundtrack, followers, publish):
    """Not folded into an RFC 2047 encoded word, which mail clients would not read as a URL."""
    publish(soundtrack)
    raw = smtp.messages[0][1]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    line = re.search(rb"^List-Unsubscribe: (.+)$", headers, re.MULTILINE)[1]
    assert re.fullmatch(
        rb"<https://testserver/follow/unsubscribe/[^>\s]+/>, "
        rb"<mailto:unsubscribe@testserver\?subject=unsubscribe>",
        line.strip(),
    )
    assert b"=?utf-8?" not in headers


def test_subject_and_preview_name_show_and_episode_only(smtp, soundtrack, followers, publish):
    publish(soundtrack)
    message = smtp.mails()[0]
    assert message["Subject"] == "Soundtrack #2, episode 4: the recap is up"
    html, text = html_of(message), text_of(message)
    assert "A new recap of Soundtrack #2 episode 4. No spoilers in this mail." in html
    for spoiler in (SUBTITLE, VERDICT, SPOILER, "kiss", "took the job"):
        assert spoiler not in message["Subject"]
        assert spoiler not in html
        assert spoiler not in text
    assert "covers everything that happens in it, so read it once you have watched" in text


def test_the_intro_and_lead_still_only_when_marked_spoiler_free(
    smtp, soundtrack, followers, publish, media_root
):
    recap = publish(soundtrack, intro_spoiler_free=True, number=5)
    message = smtp.mails()[0]
    html, text = html_of(message), text_of(message)
    assert "Last week Hyeon-seo took the job." in html and "took the job" in text
    assert SPOILER not in html and SPOILER not in text  # spoiler passages never quoted
    assert SUBTITLE not in message["Subject"] + html
    assert recap.pk


def test_the_lead_still_is_a_sized_rendition_with_alt_text(
    smtp, soundtrack, followers, publish, media_root, django_capture_on_commit_callbacks
):
    episode = make_episode(soundtrack, 6)
    recap = make_recap(episode, published=False, intro_spoiler_free=True)
    make_still(recap, is_hero=True, alt_text="A piano in an empty hall")
    with django_capture_on_commit_callbacks(execute=True):
        recap.status, recap.published_at = Recap.Status.PUBLISHED, timezone.now()
        recap.save()
    html = html_of(smtp.mails()[0])
    image = re.search(r"<img [^>]+>", html)[0]
    assert 'alt="A piano in an empty hall"' in image
    assert re.search(r'src="https://testserver/media/renditions/[^"]+\.jpg"', image)
    assert re.search(r'width="\d+" height="\d+"', image)


def test_demo_spoiler_marked_recaps_stay_spoiler_free_in_mail(
    smtp, demo_content, django_capture_on_commit_callbacks
):
    """Each demo recap, published again now: no subtitle, verdict, description or spoiler
    paragraph of it in its alert, its intro flagged spoiler-free or not."""
    recaps = list(Recap.objects.published().select_related("episode__show"))
    for recap in recaps:
        make_follower(f"{recap.slug}@example.com", show=recap.episode.show)
    for number, recap in enumerate(recaps):
        smtp.messages.clear()
        with django_capture_on_commit_callbacks(execute=True):
            recap.published_at = timezone.now()
            recap.intro_spoiler_free = number % 2 == 0
            recap.save()
        mails = smtp.mails()
        assert mails, recap.slug
        spoilers = re.findall(r'<p class="spoiler">(.*?)</p>', recap.intro + recap.review)
        for message in mails:
            body = message["Subject"] + html_of(message) + text_of(message)
            assert message["Subject"] == (
                f"{recap.episode.show.title}, episode {recap.episode.number}: the recap is up"
            )
            assert recap.subtitle not in body
            if recap.verdict:
                assert recap.verdict not in body
            if recap.meta_description:
                assert recap.meta_description[:60] not in body
            for spoiler in spoilers:
                assert spoiler[:60] not in body
    assert any(re.search(r'class="spoiler"', recap.review) for recap in recaps)


def test_who_gets_an_alert(smtp, soundtrack, weekly_us_show, publish):
    make_follower("show@example.com", show=soundtrack)
    make_follower("everything@example.com", show=None)
    make_follower("other@example.com", show=weekly_us_show)
    make_follower("weekly@example.com", show=soundtrack, frequency=Follow.Frequency.WEEKLY)
    make_follower("paused@example.com", show=soundtrack, paused=True)
    make_follower("left@example.com", show=soundtrack, state=Follower.State.UNSUBSCRIBED)
    make_follower("bounced@example.com", show=soundtrack, state=Follower.State.SUPPRESSED)
    pending = make_follower("pending@example.com", show=soundtrack, state="pending")
    Follow.objects.filter(follower=pending).update(confirmed_at=None)
    publish(soundtrack)
    assert sorted(smtp.recipients()) == ["everything@example.com", "show@example.com"]


def test_editing_a_live_recap_sends_nothing_again(smtp, soundtrack, followers, publish):
    recap = publish(soundtrack)
    smtp.messages.clear()
    recap.subtitle = "Corrected"
    recap.save()
    sending.alert_batch(recap.pk)  # even a task run again finds everyone served
    assert smtp.messages == []


def test_do_not_alert_followers(smtp, soundtrack, followers, publish):
    publish(soundtrack, no_follower_alert=True)
    assert smtp.messages == []


def test_unpublished_mid_way_stops_and_republished_sends_only_the_rest(
    settings, smtp, soundtrack, django_capture_on_commit_callbacks, editor
):
    settings.FOLLOWS_BATCH_SIZE = 2
    for n in range(5):
        make_follower(f"fan{n}@example.com", show=soundtrack)
    recap = make_recap(make_episode(soundtrack, 4), published=False, author=editor)
    Recap.objects.filter(pk=recap.pk).update(status="published", published_at=timezone.now())
    last = sending.alert_batch(recap.pk)  # the first batch went out, then…
    assert len(smtp.messages) == 2
    recap.refresh_from_db()
    recap.status = Recap.Status.UNPUBLISHED
    recap.save()
    assert sending.alert_batch(recap.pk, last) is None  # …the rest stops
    assert len(smtp.messages) == 2
    with django_capture_on_commit_callbacks(execute=True):
        recap.status, recap.published_at = Recap.Status.PUBLISHED, timezone.now()
        recap.save()
    assert sorted(smtp.recipients()) == [f"fan{n}@example.com" for n in range(5)]


def test_an_old_recap_published_again_is_not_news(smtp, soundtrack, followers, recap):
    recap.subtitle = "Imported"
    recap.save()
    sending.alert_batch(recap.pk)
    assert smtp.messages == []


# The database worker commits and closes connections as it would in production: it runs in
# real transactions, not inside the test's (on PostgreSQL that connection would be closed).
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_recap_is_mailed_by_the_worker_when_it_goes_live(
    settings, smtp, soundtrack, followers, editor
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    goes_live = timezone.now() + timedelta(hours=3)
    make_recap(make_episode(soundtrack, 4), when=goes_live, author=editor)
    call_command("db_worker", "--batch", verbosity=0)
    assert smtp.messages == []  # scheduled: not yet
    with time_machine.travel(goes_live + timedelta(seconds=5)):
        call_command("db_worker", "--batch", verbosity=0)
    assert sorted(smtp.recipients()) == [f"fan{n}@example.com" for n in range(3)]


def test_one_click_unsubscribe(smtp, soundtrack, followers, publish):
    publish(soundtrack)
    message = next(m for m in smtp.mails() if m["To"] == "fan0@example.com")
    url = message["List-Unsubscribe"].split(", ")[0].strip("<>")
    path = url.removeprefix("https://testserver")
    mail_client = Client(enforce_csrf_checks=True)  # a mail provider's server: no cookies
    assert mail_client.get(path).status_code == 200  # a look (or a link scanner) changes nothing
    assert Follower.objects.get(email="fan0@example.com").state == "confirmed"
    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Follower.objects.get(email="fan0@example.com").state == "unsubscribed"
    smtp.messages.clear()
    publish(soundtrack, number=5)
    assert sorted(smtp.recipients()) == ["fan1@example.com", "fan2@example.com"]


class RefusesThird(locmem.EmailBackend):
    """A mail server that refuses the third message of the run (a quota, a full queue)."""

    def send_messages(self, messages):
        if len(mail.outbox) == 2:
            raise smtplib.SMTPDataError(452, b"Too many messages, try later")
        return super().send_messages(messages)


def test_a_refusing_mail_server_gives_the_rest_back_for_the_next_run(
    settings, soundtrack, followers, editor
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusesThird"}}
    recap = make_recap(make_episode(soundtrack, 4), published=False, author=editor)
    Recap.objects.filter(pk=recap.pk).update(status="published", published_at=timezone.now())
    with pytest.raises(smtplib.SMTPDataError):
        sending.alert_batch(recap.pk)
    states = sorted(Delivery.objects.values_list("state", flat=True))
    assert states == ["queued", "sent", "sent"]
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    sending.alert_batch(recap.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [f"fan{n}@example.com" for n in range(3)]
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
