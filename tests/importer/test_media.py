"""Images fetched from the old site (--media-base-url), with the upload limits and checks."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from importer.models import ImportRun
from recaps.models import Still
from tests import images

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_site(uploads):
    """The old site's uploads, served over HTTP on 127.0.0.1."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(uploads)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


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
