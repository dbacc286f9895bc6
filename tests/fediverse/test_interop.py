"""Two Episodic sites over real HTTP: site B (its own gunicorn and SQLite database) follows a
show of site A with `manage.py follow_remote`, A's inbox verifies B's signature and answers
Accept, and A's next recap reaches B as a Create whose signature B verified (B keeps only
activities whose signature held).

Both sites run config.settings, on 127.0.0.1: EPISODIC_FETCH_ALLOWED_NETWORKS lets their
fetches reach loopback (refused otherwise), and WebFinger uses http. Each site's gunicorn and
task worker (`run_worker`) are shared by the module's tests and started side by side: every
start of Django is seconds on a busy machine."""

import json
import os
import shutil
from pathlib import Path

import pytest

from deploy.nginx import wait_for_port
from fediverse import signatures
from tests.servers import Gunicorn, ManageCommand, manage, query, site_environment, wait_until

CREATE_RECAP = """
from datetime import date, datetime, timedelta, time, timezone as tz
from django.contrib.auth import get_user_model
from django.utils import timezone
from recaps.models import Recap
from shows.models import Episode, Show
show, _ = Show.objects.get_or_create(slug="soundtrack-2", defaults=dict(
    title="Soundtrack #2", premiere_date=date(2023, 12, 6), planned_episode_count=6,
    release_weekdays=[2], release_time=time(13, 30), time_zone="Asia/Kolkata",
    episodes_per_release=2))
author, _ = get_user_model().objects.get_or_create(username="writer")
episode = Episode.objects.create(show=show, number={number})
Recap.objects.create(episode=episode, subtitle="A song in the rain", author=author,
    slug="soundtrack-2-episode-{number}", intro="<p>Where we were.</p>",
    body="<p>What happened.</p>", status="published", published_at={published_at})
"""


class Site:
    def __init__(self, directory, database):
        directory.mkdir()
        shutil.copy(database, directory / "db.sqlite3")
        self.server = Gunicorn(directory, None)
        self.url = self.server.url
        self.env = site_environment(
            directory,
            EPISODIC_SITE_URL=self.url,
            DJANGO_SITE_DOMAIN=self.url.removeprefix("http://"),
            EPISODIC_FETCH_ALLOWED_NETWORKS="127.0.0.0/8",
            EPISODIC_FEDIVERSE_WEBFINGER_SCHEME="http",
        )
        self.server.env = self.env
        self.worker = ManageCommand(
            directory, self.env, "run_worker", "--interval", "0.2", "--no-startup-delay"
        )
        self.database = self.env["DATABASE_URL"]

    def launch(self):
        self.server.launch()
        self.worker.launch()

    def wait(self):
        assert wait_for_port(self.server.port, 60, self.server.process), self.server.output()

    def stop(self):
        self.worker.stop()
        self.server.stop()

    def manage(self, *args):
        return manage(self.env, *args, timeout=120)

    def add_recap(self, number, published_at):
        self.manage("shell", "-c", CREATE_RECAP.format(number=number, published_at=published_at))

    def rows(self, sql, *params):
        return query(self.database, sql, *params)


@pytest.fixture(scope="module")
def sites(tmp_path_factory, migrated_sqlite):
    directory = tmp_path_factory.mktemp("interop")
    a, b = Site(directory / "a", migrated_sqlite), Site(directory / "b", migrated_sqlite)
    try:
        b.launch()
        a.add_recap(1, "datetime(2023, 12, 6, 9, tzinfo=tz.utc)")  # an archive: A's show is live
        a.launch()
        a.wait()
        b.wait()
        yield a, b
    finally:
        a.stop()
        b.stop()


@pytest.fixture(scope="module")
def followed(sites):
    a, b = sites
    handle = f"soundtrack-2@{a.url.removeprefix('http://')}"
    output = b.manage("follow_remote", handle)
    # B's worker sends the Follow to A's inbox; A's sends the Accept to B's.
    wait_until(
        lambda: b.rows("SELECT 1 FROM fediverse_following WHERE accepted_at IS NOT NULL"),
        30,
        "site A accepted site B's Follow",
    )
    return output


def test_site_b_follows_a_show_of_site_a_and_is_accepted(sites, followed):
    a, b = sites
    assert f"Following @soundtrack-2@{a.url.removeprefix('http://')}" in followed
    [(actor, inbox)] = a.rows(
        "SELECT r.uri, r.inbox FROM fediverse_follower f "
        "JOIN fediverse_remoteactor r ON r.id = f.actor_id"
    )
    assert (actor, inbox) == (f"{b.url}/ap/actor", f"{b.url}/ap/inbox")
    [(accepted,)] = b.rows("SELECT accepted_at FROM fediverse_following")
    assert accepted is not None
    assert a.rows("SELECT kind, status FROM fediverse_delivery") == [("Accept", "sent")]


def test_site_b_receives_the_next_recap_as_a_create_it_verified(sites, followed):
    a, b = sites
    a.add_recap(2, "timezone.now()")
    wait_until(
        lambda: b.rows("SELECT 1 FROM fediverse_receivedactivity WHERE kind = 'Create'"),
        30,
        "site B received the Create",
    )

    [(payload, headers)] = b.rows(
        "SELECT payload, headers FROM fediverse_receivedactivity WHERE kind = 'Create'"
    )
    create, headers = json.loads(payload), json.loads(headers)
    show_actor = f"{a.url}/ap/shows/soundtrack-2"
    assert create["actor"] == show_actor
    assert create["object"]["summary"] == "Spoilers for Soundtrack #2, episode 2"
    assert create["object"]["sensitive"] is True
    assert "A song in the rain" not in payload
    assert headers["host"] == b.url.removeprefix("http://")

    # The same check again here, with A's public key as A publishes it.
    [(public_pem,)] = a.rows(
        "SELECT public_key_pem FROM fediverse_keypair WHERE owner LIKE 'show-%'"
    )
    body = json.dumps(create).encode()  # as A sent it: B keeps the parsed body, keys in order
    owner = signatures.verify(
        "POST",
        f"{b.url}/ap/inbox",
        headers,
        body,
        lambda key_id, refresh: (public_pem, show_actor),
    )
    assert owner == show_actor
    if capture := os.environ.get("EPISODIC_FEDIVERSE_CAPTURE"):
        # The signed Create as B received it, for the note.
        lines = [f"{name}: {value}" for name, value in headers.items()]
        Path(capture).write_text("\n".join(lines) + "\n\n" + json.dumps(create, indent=2) + "\n")
