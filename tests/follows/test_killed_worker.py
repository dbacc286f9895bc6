"""Exactly once under a killed worker: `manage.py run_worker` sends a recap's alerts to 200
followers in batches, is killed (SIGKILL) mid-batch, and a second worker finishes the job. The
SMTP sink counts the messages: no follower gets two, and at most the messages the first
worker had claimed but not finished (FOLLOWS_CLAIM_SIZE, 10) are lost."""

from collections import Counter

from django.conf import settings

from tests.servers import manage, query, wait_until
from tests.worker.test_run_worker import worker

FOLLOWERS = 200
CLAIM_SIZE = 10

SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from demo.factories import make_episode, make_recap, make_show, make_user
from follows.models import Follow, Follower

show = make_show(title="Soundtrack #2", slug="soundtrack-2")
confirmed = timezone.now() - timedelta(days=1)
followers = Follower.objects.bulk_create(
    Follower(email=f"fan{{n:03d}}@example.com", state="confirmed", source="show_hub",
             consent_wording="2026-12", confirmed_at=confirmed)
    for n in range({FOLLOWERS})
)
Follow.objects.bulk_create(
    Follow(follower=f, show=show, confirmed_at=confirmed, confirm_key="") for f in followers
)
make_recap(make_episode(show, 4), when=timezone.now(), author=make_user("mina"))
"""


def test_a_worker_killed_mid_batch_mails_no_follower_twice(launch, tmp_path, site_env, smtp_sink):
    env = {
        **site_env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SMTP_HOST": "127.0.0.1",
        "DJANGO_SMTP_PORT": str(smtp_sink.port),
        "DJANGO_SMTP_TLS": "0",
        "EPISODIC_FOLLOWS_BATCH_SIZE": "25",
        "EPISODIC_FOLLOWS_SEND_RATE": "40",
    }
    manage(env, "shell", "-c", SETUP)
    first = launch(worker(tmp_path, env, name="first-worker"))
    wait_until(lambda: len(smtp_sink.messages) >= 60, 60, "the first worker sending")
    first.kill()
    at_kill = len(smtp_sink.messages)
    assert 60 <= at_kill < FOLLOWERS  # killed mid-way, in the middle of a batch of 25

    second = launch(worker(tmp_path, env, name="second-worker"))
    wait_until(
        lambda: (
            len(smtp_sink.messages) >= FOLLOWERS - CLAIM_SIZE
            and query(
                env["DATABASE_URL"],
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status NOT IN ('SUCCESSFUL', 'FAILED') AND task_path NOT IN ({})".format(
                    ", ".join(["%s"] * len(settings.WORKER_RECURRING_TASKS))
                ),
                # The hourly runs the worker queues when it starts wait for their hour.
                *settings.WORKER_RECURRING_TASKS,
            )
            == [(0,)]
        ),
        90,
        "the second worker finishing the job",
    )
    second.stop()
    sent = Counter(smtp_sink.recipients())
    assert max(sent.values()) == 1, [address for address, n in sent.items() if n > 1]
    assert len(sent) >= FOLLOWERS - CLAIM_SIZE
    states = dict(
        query(env["DATABASE_URL"], "SELECT state, COUNT(*) FROM follows_delivery GROUP BY state")
    )
    assert states.get("sent", 0) >= FOLLOWERS - 26  # a killed batch's rows stay "sending"
    assert set(states) <= {"sent", "sending"}
    assert sum(states.values()) == FOLLOWERS
