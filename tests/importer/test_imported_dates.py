"""An imported recap's "Updated" line tells of the post's last edit in WordPress
(`post_modified_gmt`), not of the import: a post never edited since it went live reads as not
updated, and running the export again moves nothing."""

from datetime import UTC, datetime

import pytest

from recaps.models import Recap
from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


def test_a_post_never_edited_reads_with_no_updated_line(client, imported):
    first = recap(101)  # modified at its publication
    assert first.updated_at == first.published_at == datetime(2024, 3, 6, 9, tzinfo=UTC)
    assert first.text_changed_at is None
    page = client.get(first.get_absolute_url()).text
    assert "Updated" not in page
    assert '<meta property="article:modified_time" content="2024-03-06T09:00:00+00:00">' in page


def test_an_edited_post_reads_updated_on_its_last_edit(client, imported):
    second = recap(102)
    assert second.updated_at == second.text_changed_at == datetime(2024, 3, 21, 8, tzinfo=UTC)
    assert "Updated <time" in client.get(second.get_absolute_url()).text
    assert "March 21, 2024" in client.get(second.get_absolute_url()).text


def test_a_post_without_a_modified_time_reads_as_published(imported):
    korean = recap(108)
    assert korean.updated_at == korean.published_at
    assert korean.text_changed_at is None


def test_running_the_same_export_again_does_not_move_the_updated_time(run_import):
    run_import()
    before = list(Recap.objects.values_list("pk", "updated_at", "text_changed_at"))
    run_import()
    assert list(Recap.objects.values_list("pk", "updated_at", "text_changed_at")) == before
