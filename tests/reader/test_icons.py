"""The site's icons: /favicon.ico answers (browsers ask for it on every page that names none)
and every reader page links the icon set and the web manifest (tests/feeds/test_manifest.py)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db

ICONS = {
    "favicon.ico": ("ICO", [(16, 16), (32, 32), (48, 48)]),
    "icons/apple-touch-icon.png": ("PNG", [(180, 180)]),
    "icons/icon-192.png": ("PNG", [(192, 192)]),
    "icons/icon-512.png": ("PNG", [(512, 512)]),
}


@pytest.fixture
def static_client(settings):
    """A client whose WhiteNoise serves static files from the source folders, as it does from
    STATIC_ROOT after collectstatic (tests run without one)."""
    settings.WHITENOISE_USE_FINDERS = True
    return Client()


def test_favicon_ico_redirects_for_a_day_to_an_icon_that_answers(static_client):
    response = static_client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    icon = static_client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}


@pytest.mark.parametrize(("name", "expected"), ICONS.items(), ids=ICONS)
def test_each_icon_is_an_image_of_its_sizes(name, expected):
    image = Image.open(finders.find(name))
    kind, sizes = expected
    assert image.format == kind
    assert sorted(image.info.get("sizes", {image.size})) == sizes


def test_reader_pages_link_the_icons_and_the_manifest(client, soundtrack):
    html = client.get(soundtrack.get_absolute_url()).text
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert links == {
        "icon": "/static/icons/favicon.svg",
        "apple-touch-icon": "/static/icons/apple-touch-icon.png",
        "manifest": "/site.webmanifest",
    }
