"""The beacon counts a view of a published recap and nothing about the reader; everything else
gets a short 4xx (or a silent 204 for robots), never a 500, and is not counted."""

import time

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readership import counting, totals, views
from readership.models import DailyViews

from .conftest import BROWSER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_memory_cache(settings):
    """What one process counts, as in development: counting in Redis has tests of its own
    (test_counting_in_redis.py), and CI runs this file with REDIS_URL set too."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "readership-beacon-tests",
        }
    }
    cache.clear()


def counted():
    """{(recap pk, domain): views} once every count kept is in the database."""
    totals.flush()
    return {(row.recap_id, row.referrer): row.views for row in DailyViews.objects.all()}


def test_a_view_is_counted_with_the_referring_domain_only(recap, send_beacon):
    response = send_beacon(recap.pk, "https://www.news.example/list?id=7")
    assert response.status_code == 204
    assert response.content == b""
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    send_beacon(recap.pk)
    assert counted() == {(recap.pk, "news.example"): 1, (recap.pk, ""): 1}


def test_a_unicode_referrer_is_kept_as_its_ascii_domain(recap, send_beacon):
    assert send_beacon(recap.pk, "https://bücher.de/✓").status_code == 204
    assert counted() == {(recap.pk, "xn--bcher-kva.de"): 1}


def test_robots_get_204_and_are_not_counted(recap, send_beacon):
    assert send_beacon(recap.pk, User_Agent="Googlebot/2.1").status_code == 204
    assert send_beacon(recap.pk, User_Agent="").status_code == 204
    assert counted() == {}


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "1.5", "٣", "9" * 30, "<b>1</b>"])
def test_a_malformed_recap_is_400(recap, send_beacon, value):
    assert send_beacon(value).status_code == 400
    assert counted() == {}


def test_unknown_draft_and_future_recaps_are_404(recap, draft, send_beacon):
    assert send_beacon(recap.pk + 1000).status_code == 404
    assert send_beacon(draft.pk).status_code == 404
    assert counted() == {}


def test_a_recap_taken_down_is_no_longer_counted_after_a_minute(recap, send_beacon, monkeypatch):
    assert send_beacon(recap.pk).status_code == 204
    recap.status = "draft"
    recap.save()
    assert send_beacon(recap.pk).status_code == 204
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now + views.PUBLISHED_MEMO_SECONDS + 1)
    assert send_beacon(recap.pk).status_code == 404


@pytest.mark.parametrize("method", ["get", "put", "delete", "head"])
def test_other_methods_are_405(client, recap, method):
    assert getattr(client, method)(f"/views/?recap={recap.pk}").status_code == 405


def test_a_huge_body_is_413(client, recap):
    response = client.post(
        "/views/",
        {"recap": recap.pk, "from": "x" * 10_000},
        headers={"User-Agent": BROWSER},
    )
    assert response.status_code == 413
    assert counted() == {}


def test_a_view_sent_from_another_site_is_403(recap, send_beacon):
    assert send_beacon(recap.pk, Sec_Fetch_Site="cross-site").status_code == 403
    from_evil = send_beacon(recap.pk, Sec_Fetch_Site=None, Origin="https://evil.example")
    assert from_evil.status_code == 403
    assert counted() == {}


def test_a_flood_from_one_address_is_429(recap, send_beacon, settings):
    settings.READERSHIP_BEACONS_PER_MINUTE = 3
    statuses = [send_beacon(recap.pk).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert counted() == {(recap.pk, ""): 3}


def test_the_beacon_runs_no_query_once_it_knows_the_recap(
    recap, send_beacon, django_assert_num_queries
):
    send_beacon(recap.pk)
    with django_assert_num_queries(0):
        assert send_beacon(recap.pk, "t.co").status_code == 204


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.dictionaries(
        st.sampled_from(["recap", "from", "x", "recap[]"]),
        st.one_of(st.text(max_size=300), st.integers(), st.binary(max_size=50)),
        max_size=3,
    )
)
def test_hostile_bodies_are_never_a_server_error(client, recap, body):
    response = client.post("/views/", body, headers={"User-Agent": BROWSER})
    assert response.status_code in (204, 400, 404, 413, 429)


def test_a_multipart_body_that_is_not_one_is_400_not_500(client, recap):
    response = client.generic(
        "POST",
        "/views/",
        b"--x\r\nnot a part",
        content_type="multipart/form-data; boundary=x",
        headers={"User-Agent": BROWSER},
    )
    assert response.status_code == 400


def test_a_content_length_that_is_not_a_number_is_400(client, recap):
    response = client.generic(
        "POST",
        "/views/",
        b"recap=1",
        content_type="application/x-www-form-urlencoded",
        headers={"User-Agent": BROWSER},
        CONTENT_LENGTH="lots",
    )
    assert response.status_code in (400, 413)


def test_the_current_hour_waits_for_its_end_in_redis_but_not_in_this_process(recap, send_beacon):
    """Without Redis the flush takes this process's counts whatever their hour."""
    send_beacon(recap.pk)
    assert counting.pending
    assert counted() == {(recap.pk, ""): 1}
