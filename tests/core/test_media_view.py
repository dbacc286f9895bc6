"""The media folder in development (DEBUG) is served as nginx serves it in production: image
names only, with nosniff and a sandboxing CSP."""

import pytest

from tests import images

pytestmark = [pytest.mark.urls("tests.core.media_urls"), pytest.mark.django_db]


@pytest.fixture
def media(media_root):
    (media_root / "stills").mkdir(parents=True)
    (media_root / "stills" / "still-Zq3.jpg").write_bytes(images.jpeg_with_script())
    (media_root / "stills" / "evil.html").write_bytes(b"<script>alert(1)</script>")
    return media_root


def test_an_image_is_served_with_its_type_nosniff_and_a_sandbox(client, media):
    response = client.get("/media/stills/still-Zq3.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("name", ["stills/evil.html", "stills/", "stills/missing.jpg"])
def test_anything_but_an_image_is_not_found(client, media, name):
    response = client.get(f"/media/{name}")
    assert response.status_code == 404
    assert b"<script>" not in response.content
