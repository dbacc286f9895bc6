"""The web app manifest (/site.webmanifest): the site's name from the site settings, as the
page titles have it, and icons that are real images."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from sitesettings.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def static_client(settings):
    """A client whose WhiteNoise serves static files from the source folders, as it does from
    STATIC_ROOT after collectstatic (tests run without one)."""
    settings.WHITENOISE_USE_FINDERS = True
    return Client()


def manifest_of(client):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def test_the_manifest_names_the_site_as_the_site_settings_do(client):
    site = SiteSettings.load()
    site.site_name = "Recap Club"
    site.tagline = "Every episode, the night it airs."
    site.save()

    manifest = manifest_of(client)

    assert manifest["name"] == manifest["short_name"] == "Recap Club"
    assert manifest["description"] == "Every episode, the night it airs."
    assert "Episodic" not in json.dumps(manifest)
    # The page titles say the same name.
    assert "Recap Club" in re.search(r"<title>(.*?)</title>", client.get("/").text, re.S)[1]


def test_a_new_site_name_is_in_the_manifest_at_once_though_it_was_kept(client):
    manifest_of(client)
    site = SiteSettings.load()
    site.site_name = "Recap Club"
    site.save()

    assert manifest_of(client)["name"] == "Recap Club"


def test_a_site_without_a_tagline_has_a_manifest_without_a_description(client):
    site = SiteSettings.load()
    site.tagline = ""
    site.save()

    assert "description" not in manifest_of(client)


def test_the_manifest_starts_at_the_home_page_and_lists_the_app_icons(static_client):
    manifest = manifest_of(static_client)
    assert manifest["start_url"] == "/"
    icons = {icon["sizes"]: icon for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= set(icons)
    for icon in manifest["icons"]:
        served = static_client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        assert served["Content-Type"] == icon["type"]
        if icon["type"] == "image/png":
            name = icon["src"].removeprefix("/static/")
            assert "{}x{}".format(*Image.open(finders.find(name)).size) == icon["sizes"]


def test_the_manifest_is_answered_to_get_only(client):
    assert client.post("/site.webmanifest").status_code == 405
