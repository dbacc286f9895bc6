"""The weekly digest at the reader's weekday and hour on their own clock, in two time zones
across the end of daylight saving time (25 October 2026 in Berlin, 1 November in New York),
sent by the task worker at a real SMTP server; none when there is nothing new."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from demo.factories import make_episode, make_recap
from follows import digests, subscriptions
from follows.models import Delivery, Follow, Follower
from follows.schedule import next_digest
from tests.follows.conftest import make_follower, text_of

FRIDAY = 4


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_next_digest_keeps_the_local_hour_across_the_end_of_summer_time():
    berlin = [utc(2026, 10, 23, 6), utc(2026, 10, 30, 7)]  # 8:00 CEST, then 8:00 CET
    new_york = [utc(2026, 10, 30, 12), utc(2026, 11, 6, 13)]  # 8:00 EDT, then 8:00 EST
    assert next_digest(utc(2026, 10, 20), FRIDAY, 8, "Europe/Berlin") == berlin[0]
    assert next_digest(berlin[0], FRIDAY, 8, "Europe/Berlin") == berlin[1]
    assert next_digest(utc(2026, 10, 27), FRIDAY, 8, "America/New_York") == new_york[0]
    assert next_digest(new_york[0], FRIDAY, 8, "America/New_York") == new_york[1]


def test_an_hour_skipped_by_spring_forward_is_taken_an_hour_later():
    # Berlin skips 2:00–3:00 on Sunday 29 March 2026: a digest at 2:00 goes at 3:00 CEST.
    assert next_digest(utc(2026, 3, 27), 6, 2, "Europe/Berlin") == utc(2026, 3, 29, 1)


def test_next_digest_later_the_same_day_and_a_week_on():
    assert next_digest(utc(2026, 10, 23, 5, 59), FRIDAY, 8, "Europe/Berlin") == utc(2026, 10, 23, 6)
    assert next_digest(utc(2026, 10, 23, 6, 0, 1), FRIDAY, 8, "Europe/Berlin") == utc(
        2026, 10, 30, 7
    )


@pytest.fixture
def worker_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("db_worker", "--batch", verbosity=0)


def publish_at(show, number, moment, editor):
    with time_machine.travel(moment, tick=False):
        return make_recap(make_episode(show, number), when=moment, author=editor)


@pytest.mark.django_db(transaction=True)
def test_digests_in_two_time_zones_across_the_change(smtp, worker_tasks, soundtrack, editor):
    start = utc(2026, 10, 19, 12)
    with time_machine.travel(start, tick=False):
        for address, zone in (
            ("berlin@example.com", "Europe/Berlin"),
            ("ny@example.com", "America/New_York"),
        ):
            follower = make_follower(
                address,
                show=soundtrack,
                frequency=Follow.Frequency.WEEKLY,
                time_zone=zone,
                digest_weekday=FRIDAY,
                digest_hour=8,
                state=Follower.State.PENDING,
            )
            Follower.objects.filter(pk=follower.pk).update(confirmed_at=None)
            follow = follower.follows.get()
            Follow.objects.filter(pk=follow.pk).update(confirmed_at=None, confirm_key="k")
            subscriptions.confirm(follow)
    berlin = Follower.objects.get(email="berlin@example.com")
    ny = Follower.objects.get(email="ny@example.com")
    assert berlin.next_digest_at == utc(2026, 10, 23, 6)
    assert ny.next_digest_at == utc(2026, 10, 23, 12)

    publish_at(soundtrack, 1, utc(2026, 10, 21, 9), editor)
    run_worker_at(utc(2026, 10, 23, 5, 59))
    assert smtp.messages == []  # not yet 8:00 in Berlin
    run_worker_at(utc(2026, 10, 23, 6, 1))
    assert smtp.recipients() == ["berlin@example.com"]
    run_worker_at(utc(2026, 10, 23, 12, 1))
    assert smtp.recipients() == ["berlin@example.com", "ny@example.com"]
    message = smtp.mails()[0]
    assert message["Subject"] == "Your weekly recaps: 1 new (Soundtrack #2)"
    assert "Soundtrack #2, episode 1: the recap is up" in text_of(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The week of the change: Berlin falls back on Sunday 25 October, New York on 1 November.
    publish_at(soundtrack, 2, utc(2026, 10, 28, 9), editor)
    run_worker_at(utc(2026, 10, 30, 6, 1))
    assert len(smtp.messages) == 2  # 7:01 in Berlin now: not yet
    run_worker_at(utc(2026, 10, 30, 7, 1))
    assert smtp.recipients()[2:] == ["berlin@example.com"]
    run_worker_at(utc(2026, 10, 30, 12, 1))
    assert smtp.recipients()[3:] == ["ny@example.com"]
    second = smtp.mails()[2]
    assert "episode 2" in text_of(second) and "episode 1:" not in text_of(second)

    # A week with nothing new: no digest, and the next one is still planned.
    run_worker_at(utc(2026, 11, 6, 7, 1))
    run_worker_at(utc(2026, 11, 6, 13, 1))
    assert len(smtp.messages) == 4
    ny.refresh_from_db()
    assert ny.next_digest_at == utc(2026, 11, 13, 13)
    assert sorted(
        (d.follower.email, d.digest_at) for d in Delivery.objects.select_related("follower")
    ) == [
        ("berlin@example.com", utc(2026, 10, 23, 6)),
        ("berlin@example.com", utc(2026, 10, 30, 7)),
        ("ny@example.com", utc(2026, 10, 23, 12)),
        ("ny@example.com", utc(2026, 10, 30, 12)),
    ]


@pytest.mark.django_db
def test_a_digest_task_for_an_old_time_stands_down(smtp, soundtrack, editor):
    follower = make_follower("fan@example.com", show=soundtrack, frequency="weekly")
    make_recap(make_episode(soundtrack, 1), author=editor)
    old = utc(2026, 1, 2, 8)
    Follower.objects.filter(pk=follower.pk).update(next_digest_at=utc(2026, 1, 9, 8))
    assert digests.send_due(follower.pk, old, lambda *args: None) is False
    assert smtp.messages == []


@pytest.mark.django_db
def test_a_digest_is_sent_once_even_if_its_task_runs_twice(smtp, soundtrack, editor):
    follower = make_follower("fan@example.com", show=soundtrack, frequency="weekly")
    make_recap(make_episode(soundtrack, 1), author=editor)
    due = follower.confirmed_at + timedelta(days=2)
    Follower.objects.filter(pk=follower.pk).update(next_digest_at=due)
    with time_machine.travel(due + timedelta(minutes=1)):
        assert digests.send_due(follower.pk, due, lambda *args: None) is True
        Follower.objects.filter(pk=follower.pk).update(next_digest_at=due, last_digest_at=None)
        assert digests.send_due(follower.pk, due, lambda *args: None) is False
    assert len(smtp.messages) == 1
