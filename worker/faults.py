"""The failures a task worker waits out instead of stopping or dropping a task: the database or
Redis away (refused, reset, timed out, restarting)."""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.outages import OutageLog

DATABASE_AWAY = (OperationalError, InterfaceError)
AWAY = (*DATABASE_AWAY, RedisConnectionError, RedisTimeoutError)

# Between attempts to reach the database while it is away: doubling up to the maximum.
FIRST_WAIT_SECONDS = 0.5
MAX_WAIT_SECONDS = 5

logger = logging.getLogger("worker")
database_outage = OutageLog(logger, "The database")


class RetriedFailures(logging.Filter):
    """For django.tasks' logger: a task failure the worker retries is not logged as an ERROR
    with its traceback at every attempt (worker.retries logs a warning; the row keeps the
    traceback)."""

    def filter(self, record):
        return not (record.exc_info and isinstance(record.exc_info[1], AWAY))


def until_database_answers(action, *args):
    """`action(*args)`, attempted again until the database answers; its result."""
    wait = FIRST_WAIT_SECONDS
    while True:
        try:
            result = action(*args)
        except DATABASE_AWAY as error:
            database_outage.failed(error)
            # A connection that failed is dropped; the next attempt opens a new one.
            close_old_connections()
            time.sleep(wait)
            wait = min(wait * 2, MAX_WAIT_SECONDS)
        else:
            database_outage.answered()
            return result
