"""Purging the caches in front of the app: each change hands its tags to the configured purger
(from the task worker), which reaches Varnish/nginx or a CDN's API — here, fake servers on
127.0.0.1 that record what they are sent."""

import json
from http.server import BaseHTTPRequestHandler

import pytest

from pagecache import front_purgers
from tests.servers import serving


class Recorder(BaseHTTPRequestHandler):
    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.received.append((self.command, self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_BAN = do_PURGE = do_POST = record

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_server():
    with serving(Recorder) as server:
        yield server


def address(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def use_purger(settings):
    def configure(backend, **options):
        settings.PAGE_CACHE_PURGER = {
            "BACKEND": f"pagecache.front_purgers.{backend}",
            "OPTIONS": options,
        }
        front_purgers.purger.cache_clear()

    yield configure
    front_purgers.purger.cache_clear()


def test_varnish_gets_one_ban_matching_the_tags(fake_server, use_purger):
    use_purger("HttpPurger", servers=[address(fake_server)], method="BAN")
    front_purgers.purger().purge({"recap:12", "show:3"})
    [(method, path, headers, _)] = fake_server.received
    assert (method, path) == ("BAN", "/")
    pattern = headers["X-Purge-Tags"]
    import re

    assert re.search(pattern, "site,recap:12,show:9")
    assert re.search(pattern, "show:3")
    assert not re.search(pattern, "recap:123,show:30")


def test_nginx_gets_a_purge_for_each_page_a_tag_names(fake_server, use_purger, series):
    use_purger("HttpPurger", servers=[address(fake_server)], method="PURGE")
    recap, show = series["recap"], series["show"]
    front_purgers.purger().purge({f"recap:{recap.pk}", f"show:{show.pk}", "recaps", "comments:1"})
    purged = {(method, path) for method, path, _, _ in fake_server.received}
    assert purged == {
        ("PURGE", recap.get_absolute_url()),
        ("PURGE", show.get_absolute_url()),
        ("PURGE", "/"),
    }


def test_a_cdn_api_gets_the_tags_in_batches_with_its_token(fake_server, use_purger):
    use_purger(
        "ApiPurger", url=address(fake_server) + "/zones/z1/purge_cache", token="t0k", batch=2
    )
    front_purgers.purger().purge({"a", "b", "c"})
    bodies = [json.loads(body) for _, _, _, body in fake_server.received]
    assert [body["tags"] for body in bodies] == [["a", "b"], ["c"]]
    for method, path, headers, _ in fake_server.received:
        assert (method, path) == ("POST", "/zones/z1/purge_cache")
        assert headers["Authorization"] == "Bearer t0k"


def test_an_edit_purges_its_tags_at_the_front(
    fake_server, use_purger, series, django_capture_on_commit_callbacks
):
    use_purger("ApiPurger", url=address(fake_server) + "/purge")
    recap = series["recap"]
    with django_capture_on_commit_callbacks(execute=True):
        recap.verdict = "Changed."
        recap.save()
        assert fake_server.received == []  # nothing leaves before the commit
    tags = {tag for _, _, _, body in fake_server.received for tag in json.loads(body)["tags"]}
    assert {f"recap:{recap.pk}", f"show:{series['show'].pk}"} <= tags


def test_an_unreachable_front_cache_never_fails_the_save(
    use_purger, series, caplog, django_capture_on_commit_callbacks
):
    use_purger("ApiPurger", url="http://127.0.0.1:9/purge")
    with django_capture_on_commit_callbacks(execute=True):
        series["recap"].verdict = "Still saved."
        series["recap"].save()
    series["recap"].refresh_from_db()
    assert series["recap"].verdict == "Still saved."
    assert "failed" in caplog.text
