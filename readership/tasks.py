"""The hourly run on the task worker: the finished hours' views into the database, the rows
past their keeping time deleted, and every "Most read this week" purged, so the lists change
once an hour and no reader request ever writes a row. Each run queues the next one
(worker.scheduling: the worker queues the first when it starts)."""

from datetime import UTC, datetime

from django.tasks import task

from pagecache.purge import invalidate
from worker.scheduling import queue_next

from . import MOST_READ_TAG, counting, totals

# Past the hour, so that a beacon that began in the hour before has ended.
SECONDS_PAST_THE_HOUR = 30


@task
def flush_views():
    added = totals.flush()
    forgotten = totals.forget_old()
    invalidate({MOST_READ_TAG})
    next_hour = (counting.current_hour() + 1) * counting.HOUR + SECONDS_PAST_THE_HOUR
    queue_next(flush_views, datetime.fromtimestamp(next_hour, UTC))
    return {"added": added, "forgotten": forgotten}
