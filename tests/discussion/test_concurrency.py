"""With PostgreSQL, concurrent submissions are each stored exactly once."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from discussion.models import CommentSettings

from .conftest import form_data

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; run with DATABASE_URL=postgres://… to test concurrency",
)


def send_all(payloads):
    results, start = [], threading.Barrier(len(payloads))

    def send(n, data):
        try:
            start.wait()
            response = Client(REMOTE_ADDR=f"10.0.{n // 200}.{n % 200 + 1}").post(
                reverse("discussion:post"), data
            )
            results.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_valid_submissions_are_each_stored_once(recap):
    CommentSettings.load().save()
    payloads = [
        form_data(recap, email=f"reader{n}@example.com", comment=f"Comment number {n}")
        for n in range(50)
    ]
    results = send_all(payloads)
    assert results.count(302) == 50
    texts = sorted(XtdComment.objects.values_list("comment", flat=True))
    assert texts == sorted(f"Comment number {n}" for n in range(50))


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twenty_times_at_once_is_stored_once(recap):
    results = send_all([form_data(recap)] * 20)
    assert XtdComment.objects.count() == 1
    assert results.count(302) == 1
    assert set(results) <= {302, 409}
