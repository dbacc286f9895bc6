"""The database out of connections, or hung: stored pages stale, others a branded 503, a hung
database costing a request no more than its connect timeout; back to normal afterwards."""

import threading
import time

import psycopg

from tests.resilience.database_outage.helpers import (
    NEVER_STORED,
    RECAP,
    Browser,
    assert_branded_503,
    assert_stale,
    fault_run,
    warm,
)
from tests.servers import Gunicorn, wait_until


class ConnectionHog:
    """Takes every connection the server has (and each one freed) until stopped, as the rest
    of a fleet of app servers would."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.held = []
        self.refusals = 0
        self.stopped = threading.Event()
        self.thread = None

    def start(self):
        self.stopped.clear()
        self.thread = threading.Thread(target=self.take)
        self.thread.start()
        wait_until(lambda: self.refusals, 10, "the server refusing connections")

    def take(self):
        while not self.stopped.is_set():
            try:
                self.held.append(psycopg.connect(self.cluster.url(), connect_timeout=5))
            except psycopg.OperationalError as error:
                assert "too many clients" in str(error)
                self.refusals += 1
                time.sleep(0.02)

    def stop(self):
        self.stopped.set()
        if self.thread:
            self.thread.join(30)
        for connection in self.held:
            connection.close()
        self.held.clear()
        self.refusals = 0


def test_a_database_out_of_connections_serves_stale_then_recovers(
    launch, tmp_path, demo_env, postgres_cluster
):
    # A connection per request, as a site with many workers behind a small server ends up.
    server = launch(Gunicorn(tmp_path, {**demo_env, "DJANGO_CONN_MAX_AGE": "0"}))
    reader = Browser(server.url)
    stored = warm(reader, [RECAP])
    postgres_cluster.restart(max_connections=5)
    hog = ConnectionHog(postgres_cluster)
    try:
        hog.start()
        time.sleep(2.1)
        assert_stale(reader, RECAP, stored[RECAP])
        assert_branded_503(*reader.open(NEVER_STORED[0]))
        hog.stop()
        assert reader.open(NEVER_STORED[0])[0] == 200
        fault_run(server, "out of connections", hog.start, hog.stop, seconds=5)
    finally:
        hog.stop()
        postgres_cluster.restart()
    assert "too many clients" in (tmp_path / "gunicorn.log").read_text()


def test_a_hung_database_costs_a_request_its_connect_timeout_then_a_stale_page_or_503(
    launch, tmp_path, demo_env, postgres_cluster
):
    server = launch(Gunicorn(tmp_path, {**demo_env, "DJANGO_CONN_MAX_AGE": "0"}))
    reader = Browser(server.url)
    stored = warm(reader, [RECAP])
    time.sleep(2.1)
    postgres_cluster.freeze()
    try:
        started = time.monotonic()
        assert_stale(reader, RECAP, stored[RECAP])
        assert_branded_503(*reader.open(NEVER_STORED[0]))
        assert time.monotonic() - started < 10
    finally:
        postgres_cluster.thaw()
    assert reader.open(NEVER_STORED[0])[0] == 200
    # One warning while it is away, one when it is back: not a traceback per request.
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("The database is unavailable") == 1, log
    assert log.count("The database is back") == 1, log
    assert "Traceback" not in log
