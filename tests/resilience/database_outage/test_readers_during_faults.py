"""Readers browsing while the database stops, crashes or restarts get no 500."""

import pytest

from tests.resilience.database_outage.helpers import fault_run
from tests.servers import Gunicorn


@pytest.mark.parametrize("fault", ["stopped", "crashed", "restarted"])
def test_readers_get_no_500_while_the_database_stops_crashes_or_restarts(
    launch, tmp_path, demo_env, postgres_cluster, fault
):
    """The issue's run: gunicorn, 2 workers, the page cache in local memory, four readers
    browsing while PostgreSQL is stopped for ten seconds (or crashes, or restarts)."""
    server = launch(Gunicorn(tmp_path, demo_env, workers=2))
    if fault == "stopped":
        fault_run(server, "stopped 10 s", postgres_cluster.stop, postgres_cluster.start)
    elif fault == "crashed":
        crash = lambda: postgres_cluster.stop("immediate")  # noqa: E731
        fault_run(server, "crashed 5 s", crash, postgres_cluster.start, seconds=5)
    else:
        fault_run(server, "restarted", postgres_cluster.restart, lambda: None, seconds=2)
