"""An imported recap, its show's hub and the import run's admin page, in a real browser, on a
phone and a desktop (screenshots in test-artifacts/)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from importer.models import ImportRun
from tests.importer.conftest import export, run_import, uploads  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def read(reader, url, name, screenshot):
    """The page as a reader sees it at 390 and 1280 pixels: nothing sideways, no broken image,
    no serious accessibility fault."""
    for width in (390, 1280):
        reader.set_viewport_size({"width": width, "height": 900})
        reader.goto(url, wait_until="networkidle")
        overflow = reader.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width}px"
        broken = reader.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0)"
            ".map(i => i.currentSrc || i.src)"
        )
        assert broken == [], f"{name} at {width}px has broken images: {broken}"
        screenshot(reader, f"{name}-{width}")
        violations = Axe().run(reader).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
        assert serious == [], f"{name} at {width}px: {serious}"


def test_imported_recap_and_import_run_page(live_server, reader, screenshot, run_import):  # noqa: F811
    run_import()
    run = ImportRun.objects.get()
    get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-123")

    recap = f"{live_server.url}/recaps/moonlit-harbor-episode-1-recap/"
    read(reader, recap, "imported-recap", screenshot)
    assert "Lanterns & Ledgers" in reader.inner_text("h1")
    assert reader.locator("img[alt='Still From Moonlit Harbor Episode 1']").first.is_visible()
    assert "Loved the lanterns!" in reader.inner_text("body")
    read(reader, f"{live_server.url}/shows/moonlit-harbor/", "imported-hub", screenshot)

    reader.goto(f"{live_server.url}/admin/login/")
    reader.fill("#id_username", "editor")
    reader.fill("#id_password", "pw-editor-123")
    reader.click("input[type=submit]")
    reader.wait_for_selector("#site-name")
    reader.goto(f"{live_server.url}{run.get_absolute_url()}")
    body = reader.inner_text("body")
    assert "Recaps created" in body and "provisional alt text" in body
    screenshot(reader, "admin-import-run")
