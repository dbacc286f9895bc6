"""An imported recap and the import run's admin page, in a real browser (screenshots in
test-artifacts/)."""

import pytest
from django.contrib.auth import get_user_model

from importer.models import ImportRun
from tests.importer.conftest import export, run_import, uploads  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_imported_recap_and_import_run_page(live_server, reader, screenshot, run_import):  # noqa: F811
    run_import()
    run = ImportRun.objects.get()
    get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-123")

    reader.goto(f"{live_server.url}/recaps/moonlit-harbor-episode-1-recap/")
    assert "Lanterns & Ledgers" in reader.inner_text("h1")
    assert reader.locator("img[alt='Still From Moonlit Harbor Episode 1']").first.is_visible()
    assert "Loved the lanterns!" in reader.inner_text("body")
    screenshot(reader, "imported-recap")

    reader.goto(f"{live_server.url}/admin/login/")
    reader.fill("#id_username", "editor")
    reader.fill("#id_password", "pw-editor-123")
    reader.click("input[type=submit]")
    reader.wait_for_selector("#site-name")
    reader.goto(f"{live_server.url}{run.get_absolute_url()}")
    body = reader.inner_text("body")
    assert "Recaps created" in body and "provisional alt text" in body
    screenshot(reader, "admin-import-run")
