"""In process, with the database made to fail: what each kind of request answers (the fault
tests with a real PostgreSQL stopped mid-test are in test_database_outage.py)."""

import logging
import time
from contextlib import contextmanager
from unittest import mock

import pytest
import time_machine
from django.db import OperationalError, connection
from django.db.utils import InterfaceError

from core import database_outage
from pagecache import tags as cache_tags

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


@contextmanager
def database_away(error=REFUSED):
    """Every query fails as it does with the server stopped."""
    with mock.patch.object(connection, "ensure_connection", side_effect=error):
        yield


@pytest.fixture(autouse=True)
def fresh_outage_log():
    database_outage.database_outage.answered()
    yield
    database_outage.database_outage.answered()


def assert_branded_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(database_outage.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Episodic" in page and "/static/css/site.css" in page
    assert "Something went wrong" not in page  # templates/500.html
    return page


@pytest.mark.parametrize("error", [REFUSED, InterfaceError("connection already closed")])
def test_a_page_that_cannot_be_built_is_the_branded_503_never_the_500_page(
    client, series, caplog, error
):
    with caplog.at_level(logging.INFO), database_away(error):
        response = client.get(series["recap"].get_absolute_url())
    page = assert_branded_503(response)
    assert "Back in a moment" in page and "<form" not in page
    assert not [record for record in caplog.records if record.name == "django.request"]


def test_a_stored_page_is_served_stale_after_its_lifetime_and_after_a_purge(client, series):
    url = series["recap"].get_absolute_url()
    stored = client.get(url)
    assert stored["X-Page-Cache"] == "miss"
    cache_tags.purge([cache_tags.recap(series["recap"].pk)])
    with time_machine.travel(time.time() + 7200), database_away():
        response = client.get(url)
    assert (response.status_code, response["X-Page-Cache"]) == (200, "stale")
    assert response.content == stored.content
    assert int(response["Age"]) >= 7200
    assert response["ETag"] == stored["ETag"]
    assert "no-store" in response["Cache-Control"] and response["X-Accel-Expires"] == "0"
    with database_away():
        again = client.get(url, HTTP_IF_NONE_MATCH=stored["ETag"])
    assert (again.status_code, again["X-Page-Cache"]) == (304, "stale")


def test_a_stored_page_is_not_served_past_stale_if_error(client, series, settings):
    url = series["recap"].get_absolute_url()
    client.get(url)
    later = time.time() + settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_IF_ERROR + 1
    with time_machine.travel(later), database_away():
        assert_branded_503(client.get(url))


def test_a_search_page_is_not_kept_past_its_lifetime(client, series, settings):
    url = "/search/?q=Chapter"
    assert client.get(url)["X-Page-Cache"] == "miss"
    with database_away():
        assert client.get(url)["X-Page-Cache"] == "hit"
    with (
        time_machine.travel(time.time() + settings.PAGE_CACHE_SEARCH_S_MAXAGE + 1),
        database_away(),
    ):
        assert_branded_503(client.get(url))


def test_a_stored_page_keeps_its_compressed_bytes_when_stale(client, series):
    url = series["recap"].get_absolute_url()
    stored = client.get(url, HTTP_ACCEPT_ENCODING="br")
    cache_tags.purge([cache_tags.recap(series["recap"].pk)])
    with database_away():
        response = client.get(url, HTTP_ACCEPT_ENCODING="br")
    assert (response["X-Page-Cache"], response["Content-Encoding"]) == ("stale", "br")
    assert response.content == stored.content


def test_a_page_not_found_while_the_database_is_away_is_a_503(client, series):
    # The redirects app looks for an old address before the 404 goes out.
    with database_away():
        assert_branded_503(client.get("/no-such-page/"))


def test_a_comment_sent_while_the_database_is_away_comes_back_escaped(client, series):
    typed = 'Rain </textarea><script>alert("x")</script> & "song"'
    sent = {
        "content_type": "recaps.recap",
        "object_pk": str(series["recap"].pk),
        "timestamp": "1700000000",
        "security_hash": "f" * 40,
        "comment": typed,
        "name": "Min <b>",
        "email": "min@example.com",
        "url": "",
        "honeypot": "",
        "followup": "on",
    }
    with database_away():
        response = client.post("/comments/post/", sent, HTTP_SEC_FETCH_SITE="same-origin")
    page = assert_branded_503(response)
    assert "Nothing was stored" in page and "send it again in a minute" in page
    assert '<form class="comment-form outage-form" method="post" action="/comments/post/"' in page
    assert "<script>" not in page and "<b>" not in page
    assert "Rain &lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'name="name" value="Min &lt;b&gt;"' in page
    assert '<input type="hidden" name="security_hash" value="' + "f" * 40 + '">' in page
    assert '<input type="hidden" name="followup" value="on">' in page
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_mark_and_a_rating_sent_while_the_database_is_away_come_back(client, series):
    with database_away():
        mark = client.post(
            "/spoilers/watched/",
            {"show": str(series["show"].pk), "episode": "3", "next": "/"},
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        rating = client.post(
            f"/ratings/episodes/{series['recap'].episode_id}/",
            {"score": "8"},
            HTTP_SEC_FETCH_SITE="same-origin",
        )
    assert 'name="episode" value="3"' in assert_branded_503(mark)
    assert 'name="score" value="8"' in assert_branded_503(rating)


def test_a_password_sent_while_the_database_is_away_is_never_written_back(client, db):
    with database_away():
        response = client.post(
            "/admin/login/", {"username": "chief", "password": "hunter2-secret-words"}
        )
    page = assert_branded_503(response)
    assert 'value="chief"' in page and "hunter2" not in page


def test_the_outage_is_logged_once_per_interval_not_per_request(client, series, caplog):
    """Its end is logged when a connection is made again (test_database_outage.py, with a
    server of its own: the tests' in-memory SQLite never connects again)."""
    with caplog.at_level(logging.INFO), database_away():
        for _ in range(5):
            assert client.get("/no-such-page/").status_code == 503
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1, messages
    assert messages[0].startswith("The database is unavailable")
