"""With Redis (a server of the test's own): views wait in the hour's hash and reach the database
when the hour is over; Redis away or hung changes nothing for the reader (204, at most the
socket timeout) and the views are kept in the process until Redis answers again."""

import time

import pytest
import redis

from readership import counting, totals
from readership.models import DailyViews

pytestmark = pytest.mark.django_db

NEXT_HOUR = time.time() + counting.HOUR


def rows():
    return {(row.recap_id, row.referrer): row.views for row in DailyViews.objects.all()}


def hashes(server):
    client = redis.Redis.from_url(server.url)
    try:
        return sorted(key.decode() for key in client.keys("*readership:views:*"))
    finally:
        client.close()


def test_views_wait_in_redis_until_their_hour_is_over(redis_cache, recap, send_beacon):
    for referrer in ("t.co", "t.co", ""):
        assert send_beacon(recap.pk, referrer).status_code == 204
    assert not counting.pending
    assert len(hashes(redis_cache)) == 1
    totals.flush()
    assert rows() == {}
    totals.flush(now=NEXT_HOUR)
    assert rows() == {(recap.pk, "t.co"): 2, (recap.pk, ""): 1}
    assert hashes(redis_cache) == []


def test_a_second_flush_adds_to_the_days_rows(redis_cache, recap, send_beacon):
    send_beacon(recap.pk, "t.co")
    totals.flush(now=NEXT_HOUR)
    send_beacon(recap.pk, "t.co")
    totals.flush(now=NEXT_HOUR)
    assert rows() == {(recap.pk, "t.co"): 2}


def test_counts_of_a_failed_flush_are_read_again(redis_cache, recap, send_beacon, monkeypatch):
    send_beacon(recap.pk)

    def database_away(counts):
        raise RuntimeError("database away")

    monkeypatch.setattr(totals, "add", database_away)
    with pytest.raises(RuntimeError):
        totals.flush(now=NEXT_HOUR)
    monkeypatch.undo()
    totals.flush(now=NEXT_HOUR)
    assert rows() == {(recap.pk, ""): 1}


def test_redis_away_the_beacon_answers_204_and_keeps_the_view(redis_cache, recap, send_beacon):
    send_beacon(recap.pk)  # the recap is known to be published before Redis goes
    redis_cache.stop()
    started = time.monotonic()
    assert [send_beacon(recap.pk, "t.co").status_code for _ in range(3)] == [204] * 3
    assert time.monotonic() - started < 3
    assert sum(counting.pending.counts.values()) == 3
    redis_cache.start()
    from core.cache import _breakers

    for breaker in _breakers.values():
        breaker.retry_at = 0
    send_beacon(recap.pk, "t.co")
    assert not counting.pending
    totals.flush(now=NEXT_HOUR)
    # The view counted before the outage went with the server (it keeps nothing on disk).
    assert rows() == {(recap.pk, "t.co"): 4}


def test_redis_hung_the_beacon_answers_204_within_the_timeout(redis_cache, recap, send_beacon):
    send_beacon(recap.pk)
    redis_cache.freeze()
    try:
        started = time.monotonic()
        assert send_beacon(recap.pk).status_code == 204
        assert time.monotonic() - started < 5
    finally:
        redis_cache.thaw()


def test_a_flush_while_redis_is_away_leaves_the_hashes_for_the_next(
    redis_cache, recap, send_beacon
):
    send_beacon(recap.pk)
    redis_cache.freeze()
    try:
        totals.flush(now=NEXT_HOUR)
    finally:
        redis_cache.thaw()
    assert rows() == {}
    from core.cache import _breakers

    for breaker in _breakers.values():
        breaker.retry_at = 0
    totals.flush(now=NEXT_HOUR)
    assert rows() == {(recap.pk, ""): 1}


def test_beyond_the_limit_kept_views_are_dropped(monkeypatch):
    monkeypatch.setattr(counting, "MAX_PENDING", 2)
    for pk in (1, 2, 3, 1):
        counting.pending.add(0, counting.field(pk, ""))
    assert counting.pending.take() == {(0, "1 "): 2, (0, "2 "): 1}
