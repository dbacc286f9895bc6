"""Stored pages answered again before Django builds a request (pagecache/wsgi.py): the same
status, headers and bytes Django gave, only while Django would give them, and never for a
request Django must see."""

import io
import sys
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from demo.factories import make_episode, make_recap
from pagecache import generation, tags, wsgi

pytestmark = pytest.mark.django_db


def get(app, path, method="GET", query="", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=list(response_headers))

    result = app(environ, start_response)
    answer["body"] = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return answer


def header(answer, name):
    return dict(answer["headers"]).get(name)


def test_the_answer_given_again_is_the_one_django_gives_for_a_hit(app, django_app, series):
    url = series["recap"].get_absolute_url()
    first = get(app, url, accept_encoding="gzip")
    assert header(first, "X-Page-Cache") == "miss"
    from_django = get(django_app, url, accept_encoding="gzip")
    assert header(from_django, "X-Page-Cache") == "hit"
    calls = django_app.calls

    again = get(app, url, accept_encoding="gzip")

    assert django_app.calls == calls
    assert again["status"] == from_django["status"] == "200 OK"
    assert sorted(again["headers"]) == sorted(from_django["headers"])
    assert again["body"] == from_django["body"]
    assert header(again, "Content-Encoding") == "gzip"


def test_each_encoding_gets_its_own_answer(app, django_app, series):
    url = series["recap"].get_absolute_url()
    get(app, url, accept_encoding="br")
    plain = get(app, url)
    assert header(plain, "Content-Encoding") is None
    assert b"<html" in plain["body"]
    assert header(get(app, url, accept_encoding="br"), "Content-Encoding") == "br"


@pytest.mark.parametrize("evicted", [False, True], ids=["remembered", "evicted"])
def test_an_edit_shows_on_the_next_request(app, django_app, series, evicted):
    recap = series["recap"]
    url = recap.get_absolute_url()
    get(app, url)
    get(app, url)
    recap.subtitle = "A brand new subtitle"
    recap.save()
    if evicted:  # the cache forgot the purge: the recap's tag version and the generation
        cache.delete_many([tags.VERSION_PREFIX + tags.recap(recap.pk), generation.GENERATION_KEY])

    answer = get(app, url)

    assert b"A brand new subtitle" in answer["body"]
    assert header(answer, "X-Page-Cache") == "miss"


def test_a_purge_of_another_page_keeps_this_answer(app, django_app, series):
    url = series["recap"].get_absolute_url()
    get(app, url)
    tags.purge([tags.tag(999_999)])
    calls = django_app.calls

    get(app, url)

    assert django_app.calls == calls


def test_a_purge_decided_for_later_takes_effect_at_its_time(app, django_app, series):
    recap = series["recap"]
    url = recap.get_absolute_url()
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        get(app, url)
        tags.purge_within([tags.recap(recap.pk)], 60)
        calls = django_app.calls
        get(app, url)
        assert django_app.calls == calls

        clock.shift(timedelta(seconds=61))
        answer = get(app, url)

    assert django_app.calls == calls + 1
    assert header(answer, "X-Page-Cache") == "miss"


@pytest.mark.parametrize(
    "request_options",
    [
        {"cookie": "theme=dark"},
        {"method": "HEAD"},
        {"if_none_match": '"abc"'},
        {"if_modified_since": "Wed, 21 Oct 2015 07:28:00 GMT"},
        {"query": "utm_source=newsletter"},
    ],
)
def test_requests_django_must_see_always_reach_it(app, django_app, series, request_options):
    url = series["recap"].get_absolute_url()
    get(app, url)
    for _ in range(2):
        calls = django_app.calls
        get(app, url, **request_options)
        assert django_app.calls == calls + 1


def test_pages_django_did_not_store_are_never_answered_here(app, django_app, db):
    for _ in range(2):
        missing = get(app, "/recaps/no-such-recap/")
    assert missing["status"].startswith("404")
    assert django_app.calls == 2


def test_an_unknown_host_is_refused_by_django_every_time(app, django_app, series):
    url = series["recap"].get_absolute_url()
    for _ in range(2):
        refused = get(app, url, host="evil.example")
        assert refused["status"].startswith("400")
    assert django_app.calls == 2


def test_a_recap_scheduled_soon_shortens_the_answer_s_lifetime(app, django_app, series):
    url = series["recap"].get_absolute_url()
    get(app, url)
    soon = timezone.now() + timedelta(seconds=30)
    make_recap(make_episode(series["recap"].episode.show, 9), published_at=soon, slug="nine")

    answer = get(app, url)

    max_age = int(header(answer, "Cache-Control").split("max-age=")[1].split(",")[0])
    assert max_age <= 30


def test_nothing_is_answered_here_when_the_page_cache_is_off(app, django_app, series, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = series["recap"].get_absolute_url()
    for _ in range(3):
        get(app, url)
    assert django_app.calls == 3


def test_answers_given_again_are_only_those_of_stored_pages(app, django_app, series):
    url = series["recap"].get_absolute_url()
    get(app, url)
    for n in range(20):
        get(app, url, query=f"q=random-{n}")
        get(app, url, query="comments=1")
    assert len(app.answers) == 1
    calls = django_app.calls
    get(app, url)
    assert django_app.calls == calls


def test_each_process_keeps_at_most_max_answers_the_oldest_going_first(
    app, django_app, series, monkeypatch
):
    monkeypatch.setattr(wsgi, "MAX_ANSWERS", 3)
    urls = [recap.get_absolute_url() for recap in series["recaps"].values()]  # four pages
    for url in urls:
        get(app, url)
    assert len(app.answers) == 3
    calls = django_app.calls
    get(app, urls[-1])
    assert django_app.calls == calls
    get(app, urls[0])
    assert django_app.calls == calls + 1
