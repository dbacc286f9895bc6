"""`manage.py run_worker` as a process of its own, against servers the tests stop and start:
it waits out its database going away, retries a task that failed because the database or
Redis was away until it succeeds, and gives back the task of a worker killed mid-job, whose
comment mail is then not sent twice."""

import json
import time

import pytest
import redis

from tests.servers import ManageCommand, manage, query, wait_until

# Short beats, short silences, short retry delays: the same code paths in seconds.
FAST = {
    "EPISODIC_WORKER_HEARTBEAT_SECONDS": "0.2",
    "EPISODIC_WORKER_LOST_AFTER_SECONDS": "1.5",
    "EPISODIC_TASK_RETRY_DELAY_SECONDS": "0.3",
    "EPISODIC_TASK_RETRY_MAX_DELAY_SECONDS": "1",
}


def worker(tmp_path, env, name="run_worker"):
    options = ["--interval", "0.1", "--no-startup-delay"]
    return ManageCommand(tmp_path, {**env, **FAST}, "run_worker", *options, name=name)


def enqueue(env, task, *args):
    manage(env, "shell", "-c", f"from tests.worker.tasks import {task}; {task}.enqueue(*{args!r})")


def the_task(env):
    """(status, attempts, exception class) of the one task the test queued (its own tasks, or
    the comment mail), beside what other apps queue (the worker's recurring tasks, a recap's
    announcements)."""
    [(status, worker_ids, error)] = query(
        env["DATABASE_URL"],
        "SELECT status, worker_ids, exception_class_path FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE %s OR task_path LIKE %s",
        "tests.worker.%",
        "discussion.%",
    )
    worker_ids = json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids
    return status, len(worker_ids), error


def test_a_task_that_fails_while_redis_is_away_runs_again_until_it_succeeds(
    launch, tmp_path, site_env, redis_server
):
    redis_server.kill()
    enqueue(site_env, "count_in_redis", redis_server.url)
    process = launch(worker(tmp_path, site_env))
    wait_until(
        lambda: the_task(site_env)[1] >= 2, 30, "the task attempted again after a Redis failure"
    )
    # (Between an attempt and the next the row may read FAILED for a moment: django-tasks-db
    # records the failure, then the worker puts the task back.)
    assert the_task(site_env)[2] == "redis.exceptions.ConnectionError"
    redis_server.start()
    wait_until(lambda: the_task(site_env)[0] == "SUCCESSFUL", 30, "the task succeeding")
    with redis.Redis.from_url(redis_server.url) as client:
        assert client.get("runs") == b"1"
    assert process.running
    assert "will run again in" in process.output()


def test_a_task_that_fails_for_another_reason_is_not_retried(launch, tmp_path, site_env):
    enqueue(site_env, "fail_for_good")
    launch(worker(tmp_path, site_env))
    wait_until(lambda: the_task(site_env)[0] == "FAILED", 30, "the task failing")
    time.sleep(1)
    assert the_task(site_env) == ("FAILED", 1, "builtins.ValueError")


def test_the_worker_waits_out_its_database_stopped_then_runs_what_comes_next(
    launch, tmp_path, postgres_site_env, postgres_cluster
):
    env = postgres_site_env
    process = launch(worker(tmp_path, env))
    heartbeats = "SELECT count(*) FROM worker_workerheartbeat"
    wait_until(lambda: query(env["DATABASE_URL"], heartbeats) == [(1,)], 30, "a heartbeat")
    postgres_cluster.stop()
    time.sleep(3)
    assert process.running, process.output()
    postgres_cluster.start()
    mark = tmp_path / "ran"
    enqueue(env, "leave_a_mark", str(mark))
    wait_until(mark.exists, 30, "the task enqueued after the outage running")
    log = process.output()
    assert log.count("The database is unavailable") == 1, log
    assert "The database is back after" in log


def test_a_task_cut_off_by_its_database_stopping_runs_again_once_it_is_back(
    launch, tmp_path, postgres_site_env, postgres_cluster
):
    env = postgres_site_env
    gate = tmp_path / "gate"
    enqueue(env, "read_the_database_once", str(gate))
    process = launch(worker(tmp_path, env))
    wait_until(lambda: the_task(env)[0] == "RUNNING", 30, "the task running")
    postgres_cluster.stop()
    gate.touch()
    time.sleep(2)
    assert process.running, process.output()
    postgres_cluster.start()
    wait_until(lambda: the_task(env)[0] == "SUCCESSFUL", 60, "the task succeeding")
    assert the_task(env)[1] == 2


COMMENTS = """
from demo.factories import make_episode, make_recap, make_show
from django_comments_xtd.models import XtdComment
from discussion.tasks import notify_followers

episode = make_episode(make_show(title="Soundtrack #2", slug="soundtrack-2"), 1)
recap = make_recap(episode, slug="soundtrack-2-episode-1")


def comment(email, **fields):
    return XtdComment.objects.create(
        content_object=recap, site_id=1, user_name="Reader", user_email=email,
        comment="A comment.", is_public=True, **fields
    )


comment("follower@example.com", followup=True)
notify_followers.enqueue(comment("replier@example.com").pk)
"""


@pytest.fixture
def mailing_env(site_env, smtp_sink):
    """The production mailer (SMTP) pointed at the test's sink."""
    return {
        **site_env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SMTP_HOST": "127.0.0.1",
        "DJANGO_SMTP_PORT": str(smtp_sink.port),
        "DJANGO_SMTP_TLS": "0",
    }


def test_reply_mail_of_a_worker_killed_mid_job_is_delivered_once_after_a_restart(
    launch, tmp_path, mailing_env, smtp_sink
):
    manage(mailing_env, "shell", "-c", COMMENTS)
    # The mail server accepts the message, then leaves the worker waiting for its goodbye.
    smtp_sink.hold_quit.set()
    first = launch(worker(tmp_path, mailing_env, name="first-worker"))
    wait_until(lambda: smtp_sink.quits_held == 1, 30, "the message accepted")
    assert the_task(mailing_env)[0] == "RUNNING"
    first.kill()
    smtp_sink.hold_quit.clear()

    second = launch(worker(tmp_path, mailing_env, name="second-worker"))
    wait_until(lambda: the_task(mailing_env)[0] == "SUCCESSFUL", 30, "the task done again")
    assert smtp_sink.recipients() == ["follower@example.com"]
    assert "given back to the queue: its worker stopped" in second.output()
