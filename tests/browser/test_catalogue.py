"""An editor adds Soundtrack #2 from the (fake) catalogue: search, pick, confirm, then the hub
readers see, with the facts the catalogue gave."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.catalogue.fake_tvmaze import FakeTVmaze

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-catalogue-123"


@pytest.fixture
def tvmaze(settings, tmp_path):
    server = FakeTVmaze().start()
    settings.CATALOGUE_TVMAZE_URL = server.url
    settings.CATALOGUE_TRUST_TEST_IMAGES = True
    settings.MEDIA_ROOT = tmp_path
    yield server
    server.stop()


@pytest.fixture
def editor_site(live_server, tvmaze):
    from core.roles import grant_roles

    grant_roles()
    user = get_user_model().objects.create_user("eddie", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return live_server.url


def test_an_editor_adds_a_show_from_the_catalogue(reader, editor_site, screenshot):
    page = reader
    page.goto(f"{editor_site}/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{editor_site}/admin/shows/show/")
    page.click("text=Add from the catalogue")
    page.fill("#id_q", "Soundtrack")
    page.click(".catalogue-search button")
    page.wait_for_selector(".catalogue-results")
    assert "Disney+ · 2023 · 6 episodes" in page.inner_text(".catalogue-results")
    # The poster comes through the site (the browser never asks the catalogue).
    poster = page.locator(".catalogue-results img")
    poster.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.catalogue-results img').complete")
    assert poster.evaluate("img => img.naturalWidth") > 0
    screenshot(page, "catalogue-search-1280")
    screenshot(page, "catalogue-search-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("text=Soundtrack #2")
    page.wait_for_selector("input[name=seasons]")
    assert "6 episodes" in page.inner_text(".catalogue-summary")
    screenshot(page, "catalogue-preview-1280")
    screenshot(page, "catalogue-preview-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("input[value='Add to Episodic']")
    page.wait_for_selector(".messagelist")
    assert "Created the show “Soundtrack #2”" in page.inner_text(".messagelist")
    screenshot(page, "catalogue-added-1280")

    page.goto(f"{editor_site}/shows/soundtrack-2/")
    facts = page.inner_text(".facts")
    assert (
        "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles, along with Demian." in facts
    )
    assert "6 episodes; two were released every Wednesday at 1:30 PM KST" in facts
    assert "Schedule and cast from TVmaze." in facts
    screenshot(page, "catalogue-hub-1280")
    screenshot(page, "catalogue-hub-390", width=390)
