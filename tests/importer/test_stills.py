"""Stills (importer.stills): the featured image as the hero, captions, credits and alt text, and
images fetched from the old site (--media-base-url) with the upload limits and checks. What
the export names is not trusted: an image is stored by the format it is, and a path never leads
the fetch away from the old site."""

import functools
import threading
import urllib.request
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError

from core.stored_images import content_type
from importer.models import ImportRun
from recaps.models import Still
from tests import images
from tests.importer.rows import recap
from tests.shipped_nginx import shipped

pytestmark = pytest.mark.django_db


class Recorder(SimpleHTTPRequestHandler):
    """Serves a folder and keeps the paths asked for in `server.seen`."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.seen.append(self.path)
        super().do_GET()


@contextmanager
def serving(folder):
    """`folder` served over HTTP on 127.0.0.1; yields the server, its base URL in `.url`."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Recorder, directory=str(folder))
    )
    server.seen = []
    server.url = f"http://127.0.0.1:{server.server_port}/"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def old_site(uploads):
    """The old site's uploads, served over HTTP on 127.0.0.1."""
    with serving(uploads) as server:
        yield server.url


def test_images_are_fetched_from_the_media_base_url(run_import, old_site):
    run_import(uploads=None, media_base_url=old_site)
    assert Still.objects.count() == 2
    assert ImportRun.objects.get().counts["images_missing"] == 1


def test_fetched_files_keep_the_upload_limits_and_checks(run_import, old_site, uploads, settings):
    (uploads / "2024" / "03" / "sailors.png").write_bytes(b"<html>not an image</html>")
    settings.MAX_IMAGE_UPLOAD_BYTES = 2_000
    (uploads / "2024" / "03" / "harbor-still.jpg").write_bytes(
        images.jpeg_bytes(800, 800) + b"\0" * 3_000
    )
    run_import(uploads=None, media_base_url=old_site)
    assert Still.objects.count() == 0
    reasons = {item["wp_id"]: item["reason"] for item in ImportRun.objects.get().attention}
    assert "not an image" in reasons["202"]
    assert "larger than the upload limit" in reasons["201"]  # never read past the limit


def test_uploads_never_reads_outside_its_folder(run_import, export, tmp_path):
    (tmp_path / "secret.jpg").write_bytes(images.jpeg_bytes())
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("2024/03/harbor-still.jpg", "../../secret.jpg"))
    run_import()
    assert not Still.objects.filter(recap__slug="moonlit-harbor-episode-1-recap").exists()


HARBOR_STILL = "https://recaps.example.com/wp-content/uploads/2024/03/harbor-still.jpg"
FIRST_RECAP = "moonlit-harbor-episode-1-recap"


def name_the_still(export, url):
    """Make the first recap's featured still (attachment 201) the file at `url`."""
    export.write_text(export.read_text(encoding="utf-8").replace(HARBOR_STILL, url))


def reasons():
    return {item["wp_id"]: item["reason"] for item in ImportRun.objects.get().attention}


@pytest.mark.parametrize("source", ["--uploads", "--media-base-url"])
def test_an_image_named_html_is_stored_as_the_jpeg_it_is(
    run_import, export, uploads, old_site, source
):
    """Finding 1: a JPEG called evil.html, with a page and a script in its comment, was stored
    as media/stills/…/evil.html, which nginx served as text/html."""
    (uploads / "2024" / "03" / "evil.html").write_bytes(images.jpeg_with_script())
    name_the_still(export, HARBOR_STILL.replace("harbor-still.jpg", "evil.html"))
    if source == "--uploads":
        run_import()
    else:
        run_import(uploads=None, media_base_url=old_site)
    still = Still.objects.get(recap__slug=FIRST_RECAP, is_hero=True)
    assert still.image.name.startswith("stills/") and still.image.name.endswith(".jpg")
    assert ".html" not in still.image.name
    assert content_type(still.image.name) == "image/jpeg"
    assert still.image.read() == images.jpeg_with_script()


def test_an_imported_image_named_html_is_served_by_nginx_as_a_jpeg(
    run_import, export, uploads, settings, tmp_path
):
    (uploads / "2024" / "03" / "evil.html").write_bytes(images.jpeg_with_script())
    name_the_still(export, HARBOR_STILL.replace("harbor-still.jpg", "evil.html"))
    run_import()
    still = Still.objects.get(recap__slug=FIRST_RECAP, is_hero=True)
    prefix = tmp_path / "nginx"
    with shipped(prefix, upstream_port=9, media_root=settings.MEDIA_ROOT) as base:
        with urllib.request.urlopen(f"{base}/media/{still.image.name}", timeout=10) as response:
            assert response.headers["Content-Type"] == "image/jpeg"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["//127.0.0.1:{port}/x.jpg", "%2F%2F127.0.0.1:{port}/x.jpg"])
def test_a_path_in_the_export_never_leads_the_fetch_to_another_host(
    run_import, export, old_site, tmp_path, path
):
    """Finding 2: `urljoin` let an uploads path that starts with // switch hosts; a listener
    on loopback was asked for the file and its answer was published as a still."""
    listener = tmp_path / "listener"
    listener.mkdir()
    (listener / "x.jpg").write_bytes(images.jpeg_bytes())
    with serving(listener) as other:
        url = "https://recaps.example.com/wp-content/uploads/" + path.format(port=other.server_port)
        name_the_still(export, url)
        run_import(uploads=None, media_base_url=old_site)
    assert other.seen == []
    assert not Still.objects.filter(recap__slug=FIRST_RECAP, is_hero=True).exists()
    assert reasons()["201"].startswith("refused:")


@pytest.mark.parametrize(
    "base", ["file:///srv/uploads/", "gopher://old.example.com/", "http://", "http://old:99999/"]
)
def test_the_media_base_url_must_be_an_http_address(run_import, base):
    with pytest.raises(CommandError, match="not an http or https address"):
        run_import(media_base_url=base)


def test_caption_and_featured_image_become_the_hero_still(imported):
    hero = Still.objects.get(recap=recap(101))
    assert hero.is_hero and hero.section == "recap"
    assert hero.caption == "Still From Moonlit Harbor Episode 1"
    assert hero.credit == "Harbour Pictures"
    assert hero.alt_text == "Still From Moonlit Harbor Episode 1"  # provisional, from the caption
    # Stored, not only read from the file when a model is loaded: reader pages ask for values.
    assert Still.objects.filter(pk=hero.pk).values_list("width", "height").get() == (160, 90)


def test_alt_text_comes_from_the_attachment_and_missing_images_are_listed(imported):
    sailors = Still.objects.get(recap=recap(102))
    assert sailors.alt_text == "Two sailors on a stone quay at dusk"
    assert sailors.caption == "Two sailors at the quay"
    run = ImportRun.objects.get()
    assert run.counts["images_found"] == 2
    assert run.counts["images_missing"] == 1
    assert run.counts["images_provisional_alt"] == 1
    reasons = {(item["wp_id"], item["outcome"]) for item in run.attention}
    assert ("203", "missing") in reasons and ("201", "provisional alt text") in reasons
    assert ("103", "no hero still") in reasons  # scheduled, and nothing to lead it
