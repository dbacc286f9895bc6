"""deploy/nginx.conf, as shipped: valid for nginx, and a front cache that keeps only what the app
marks public. A tiny WSGI app on 127.0.0.1 sends the header set reader pages carry, so these
tests do not depend on the views.

The media folder is served as nginx serves it in production: images only, each as its type.

They need Debian's nginx (/usr/sbin/nginx), which `make test` installs: without it they fail,
saying so."""

import gzip
import threading
import time
import urllib.error
import urllib.request
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from deploy import nginx
from tests import images
from tests.core import hostile_files
from tests.shipped_nginx import require_nginx, shipped


@pytest.fixture(autouse=True, scope="module")
def nginx_installed():
    require_nginx()


ETAG = '"recap-v1"'
LAST_MODIFIED = "Wed, 06 Dec 2023 08:00:00 GMT"
PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"


class Upstream:
    """A WSGI app that answers like Episodic's reader pages, and remembers every request."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()

    def seen(self, path, method="GET"):
        with self.lock:
            return [r for r in self.requests if r["path"] == path and r["method"] == method]

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        with self.lock:
            self.requests.append(
                {
                    "path": path,
                    "method": environ["REQUEST_METHOD"],
                    "headers": {
                        key[5:].replace("_", "-").lower(): value
                        for key, value in environ.items()
                        if key.startswith("HTTP_")
                    },
                }
            )
        body = (f"<!doctype html><title>{path}</title>" + "<p>recap text</p>" * 200).encode()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Vary", "Cookie")]
        if path.startswith("/private"):
            # The worst case: private, yet with a lifetime for nginx too.
            headers += [("X-Accel-Expires", "60"), ("Cache-Control", "private, max-age=0")]
        elif path.startswith("/no-store"):
            headers += [("Cache-Control", "no-store")]
        else:
            expires = "1" if path.startswith("/short") else "60"
            headers += [
                ("Cache-Control", PUBLIC),
                ("X-Accel-Expires", expires),
                ("Cache-Tag", "recap-1 show-1 home"),
                ("ETag", ETAG),
                ("Last-Modified", LAST_MODIFIED),
            ]
            if path.startswith("/sets-cookie"):
                headers.append(("Set-Cookie", "csrftoken=abc; Path=/"))
            if environ.get("HTTP_IF_NONE_MATCH") == ETAG:
                start_response("304 Not Modified", headers[1:])
                return [b""]
        start_response("200 OK", headers + [("Content-Length", str(len(body)))])
        return [body]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """The shipped configuration in front of the test app; yields (base URL, app)."""
    app = Upstream()
    server = make_server(
        "127.0.0.1", 0, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with shipped(tmp_path_factory.mktemp("nginx"), server.server_port) as base:
            yield base, app
    finally:
        server.shutdown()
        server.server_close()


def fetch(url, method="GET", headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    request.data = b"x=1" if method == "POST" else None
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_shipped_configuration_passes_nginx_t(tmp_path):
    body = nginx.render(
        {
            "EPISODIC_UPSTREAM": "127.0.0.1:8000",
            "EPISODIC_LISTEN": f"127.0.0.1:{nginx.free_port()}",
            "EPISODIC_SERVER_NAME": "episodic.example",
            "EPISODIC_CACHE_PATH": tmp_path / "cache",
            "EPISODIC_MEDIA_ROOT": tmp_path / "media",
        }
    )
    assert not nginx.PLACEHOLDER.search(body)
    assert "test is successful" in nginx.Nginx(tmp_path, body, 0).test()


def test_every_placeholder_needs_a_value():
    with pytest.raises(ValueError, match="EPISODIC_CACHE_PATH"):
        nginx.render(
            {"EPISODIC_UPSTREAM": "x"}, template="${EPISODIC_UPSTREAM} ${EPISODIC_CACHE_PATH}"
        )


def test_a_public_page_is_a_miss_then_a_hit_even_with_an_analytics_cookie(front):
    base, app = front
    status, headers, first = fetch(base + "/recaps/one/")
    assert (status, headers["X-Cache-Status"]) == (200, "MISS")
    status, headers, again = fetch(base + "/recaps/one/", headers={"Cookie": "_ga=GA1.2.3"})
    assert (status, headers["X-Cache-Status"], again) == (200, "HIT", first)
    assert len(app.seen("/recaps/one/")) == 1
    # The app's own headers reach the reader, except nginx's lifetime.
    assert headers["Cache-Control"] == PUBLIC
    assert headers["ETag"] == ETAG and headers["Cache-Tag"] == "recap-1 show-1 home"
    assert "X-Accel-Expires" not in headers


def test_nginx_answers_a_readers_conditional_request_from_its_copy(front):
    base, app = front
    fetch(base + "/recaps/conditional/")
    status, headers, _ = fetch(base + "/recaps/conditional/", headers={"If-None-Match": ETAG})
    assert status == 304
    assert len(app.seen("/recaps/conditional/")) == 1


@pytest.mark.parametrize(
    "cookie", ["watched=1:4", "theme=dark", "_ga=1; rated=abc", "sessionid=xyz; _ga=1"]
)
def test_a_reader_cookie_bypasses_the_cache_and_is_not_stored(front, cookie):
    base, app = front
    path = f"/recaps/cookie-{cookie.split('=')[0]}/"
    fetch(base + path)
    status, headers, _ = fetch(base + path, headers={"Cookie": cookie})
    assert (status, headers["X-Cache-Status"]) == (200, "BYPASS")
    assert app.seen(path)[-1]["headers"]["cookie"] == cookie
    assert fetch(base + path)[1]["X-Cache-Status"] == "HIT"
    assert len(app.seen(path)) == 2


def test_a_cookie_that_merely_contains_a_reader_name_does_not_bypass(front):
    base, _ = front
    fetch(base + "/recaps/lookalike/")
    _, headers, _ = fetch(base + "/recaps/lookalike/", headers={"Cookie": "unwatched=1"})
    assert headers["X-Cache-Status"] == "HIT"


def test_a_post_is_never_cached(front):
    base, app = front
    for _ in range(2):
        status, headers, _ = fetch(base + "/recaps/posted/", method="POST")
        assert status == 200 and headers["X-Cache-Status"] in ("BYPASS", None)
    assert len(app.seen("/recaps/posted/", "POST")) == 2
    # Nor does a POST's answer stand in for the page.
    assert fetch(base + "/recaps/posted/")[1]["X-Cache-Status"] == "MISS"


@pytest.mark.parametrize("path", ["/private/page/", "/no-store/page/"])
def test_a_private_or_no_store_page_is_never_cached(front, path):
    base, app = front
    for _ in range(3):
        status, headers, _ = fetch(base + path)
        assert status == 200 and headers["X-Cache-Status"] == "MISS"
    assert len(app.seen(path)) == 3


def test_a_public_page_that_sets_a_cookie_is_never_cached(front):
    base, app = front
    for _ in range(2):
        assert fetch(base + "/sets-cookie/")[1]["X-Cache-Status"] == "MISS"
    assert len(app.seen("/sets-cookie/")) == 2


def test_the_admin_bypasses_the_cache(front):
    base, app = front
    for _ in range(2):
        assert fetch(base + "/admin/recaps/")[1]["X-Cache-Status"] == "BYPASS"
    assert len(app.seen("/admin/recaps/")) == 2


def test_the_app_answers_identity_and_nginx_compresses_for_the_reader(front):
    base, app = front
    fetch(base + "/recaps/zipped/")
    status, headers, body = fetch(base + "/recaps/zipped/", headers={"Accept-Encoding": "gzip"})
    assert headers["X-Cache-Status"] == "HIT" and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"<!doctype html><title>/recaps/zipped/")
    request = app.seen("/recaps/zipped/")[0]["headers"]
    assert request.get("accept-encoding", "") == ""
    assert request["x-forwarded-for"] == "127.0.0.1"
    assert request["x-forwarded-proto"] == "http"
    assert request["x-forwarded-host"] == "127.0.0.1"


def test_an_expired_copy_is_revalidated_with_the_apps_validators(front):
    base, app = front
    fetch(base + "/short/recap/")  # X-Accel-Expires: 1
    time.sleep(2.2)  # nginx counts whole seconds: "1" lasts until the next second ends
    status, headers, _ = fetch(base + "/short/recap/")
    # The first request after the lifetime waits for the app's 304: never the expired copy.
    assert status == 200 and headers["X-Cache-Status"] == "REVALIDATED"
    deadline = time.monotonic() + 5
    while len(app.seen("/short/recap/")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    revalidation = app.seen("/short/recap/")[1]["headers"]
    assert revalidation["if-none-match"] == ETAG
    assert revalidation["if-modified-since"] == LAST_MODIFIED


# /media/: files from outside, stored under names of ours (core.stored_images). Older rows and
# hand-placed files may have any name; only images are served, and as images.

MEDIA_FILES = {
    "stills/2024/03/still-Zq3.jpg": images.jpeg_with_script(),
    "stills/2024/03/OLD.JPG": images.jpeg_bytes(),
    "posters/poster.png": images.png_bytes(),
    "renditions/stills/2024/03/still-Zq3/abc.webp": hostile_files.image_bytes("WEBP"),
    "people/face.gif": hostile_files.image_bytes("GIF"),
    "stills/2024/03/evil.html": b"<html><script>alert(document.cookie)</script></html>",
    "stills/2024/03/evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "stills/2024/03/no-extension": b"<html><script>alert(1)</script></html>",
    "stills/2024/03/page.jpg.html": b"<html><script>alert(1)</script></html>",
}


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """The shipped configuration with MEDIA_FILES in its media folder (and no app behind it)."""
    prefix = tmp_path_factory.mktemp("nginx-media")
    for name, content in MEDIA_FILES.items():
        path = prefix / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    with shipped(prefix, nginx.free_port()) as base:
        yield base + "/media/"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("stills/2024/03/still-Zq3.jpg", "image/jpeg"),
        ("stills/2024/03/OLD.JPG", "image/jpeg"),
        ("posters/poster.png", "image/png"),
        ("renditions/stills/2024/03/still-Zq3/abc.webp", "image/webp"),
        ("people/face.gif", "image/gif"),
    ],
)
def test_media_images_are_served_as_images_with_nosniff_and_a_sandbox(media, name, content_type):
    status, headers, body = fetch(media + name)
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert body == MEDIA_FILES[name]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "max-age=604800" in headers["Cache-Control"]


@pytest.mark.parametrize(
    "name",
    [
        "stills/2024/03/evil.html",
        "stills/2024/03/evil.svg",
        "stills/2024/03/no-extension",
        "stills/2024/03/page.jpg.html",
        "stills/2024/03/evil.html%00.jpg",
        "stills/2024/03/",
    ],
)
def test_media_that_is_not_an_image_name_is_not_served(media, name):
    """Finding 1: a file stored as evil.html was served as text/html on the admin's origin."""
    status, headers, body = fetch(media + name)
    assert status in (400, 404)  # nginx refuses a NUL in a path itself
    assert b"<script>" not in body


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_always_reach_the_app_even_when_it_says_public(front, path):
    base, app = front
    for _ in range(2):
        status, headers, _ = fetch(base + path)
        assert status == 200 and not headers.get("X-Cache-Status")
    assert len(app.seen(path)) == 2
