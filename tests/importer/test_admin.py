"""Import runs in the admin (importer.admin): an item that needs an editor links to its admin
page, and a stored address outside the admin is shown, not linked."""

import pytest

from importer.models import ImportRun
from recaps.models import Recap
from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


def attention_item(title, admin_url):
    return {"kind": "post", "wp_id": "1", "title": title, "outcome": "failed", "reason": "",
            "url": "", "admin_url": admin_url}  # fmt: skip


def test_items_link_to_the_admin_page_of_the_recap_or_show(admin_client, imported):
    page = admin_client.get(ImportRun.objects.get().get_absolute_url()).text
    first = recap(101)
    assert f'<a href="/admin/recaps/recap/{first.pk}/change/">' in page
    assert f'<a href="/admin/shows/show/{first.episode.show.pk}/change/">' in page


@pytest.mark.parametrize(
    "address",
    ["https://evil.example/admin/", "//evil.example/admin/", "/recaps/x/", "javascript:alert(1)"],
)
def test_an_address_outside_the_admin_is_not_linked(admin_client, address):
    run = ImportRun.objects.create(source="x.xml", attention=[attention_item("Outside", address)])
    page = admin_client.get(run.get_absolute_url()).text
    assert "Outside" in page
    assert f'href="{address}"' not in page


def test_an_admin_address_stored_by_an_earlier_run_is_still_linked(admin_client):
    address = f"/admin/recaps/recap/{Recap.objects.count() + 1}/change/"
    run = ImportRun.objects.create(source="x.xml", attention=[attention_item("Kept", address)])
    assert f'<a href="{address}">Kept</a>' in admin_client.get(run.get_absolute_url()).text
