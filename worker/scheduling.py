"""Tasks that wait in the queue for their time (`run_after`): a scheduled recap's alerts and
webhooks, digests, retries with back-off. No cron is needed."""

from django.utils import timezone


def enqueue_at(a_task, when, *args):
    """Queue `a_task` to run at `when`. A backend that cannot wait (the tests' immediate one)
    runs it now if it is due, and otherwise leaves it to a test that calls it."""
    if when is None or when <= timezone.now():
        return a_task.enqueue(*args)
    if a_task.get_backend().supports_defer:
        return a_task.using(run_after=when).enqueue(*args)
    return None
