"""How long a task that failed on something away (the database, Redis, the media storage)
waits before it runs again: TASK_RETRY_DELAY_SECONDS, doubled at each attempt up to
TASK_RETRY_MAX_DELAY_SECONDS."""

from django.conf import settings


def retry_delay(attempts):
    """Seconds before attempt `attempts + 1`."""
    return min(
        settings.TASK_RETRY_DELAY_SECONDS * 2 ** (attempts - 1),
        settings.TASK_RETRY_MAX_DELAY_SECONDS,
    )
