"""CSV files people open in a spreadsheet (the importer's report now): no cell is run as a
formula, whatever text it holds. Text from outside (a post's title, an old URL, a comment) that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be a formula to Excel, Numbers
or LibreOffice: `=HYPERLINK(…)` links anywhere, and older versions run commands. As OWASP's
CSV injection guidance says, such a cell starts with an apostrophe, which spreadsheets show as
text and do not display, and every cell is quoted."""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class SpreadsheetWriter:
    """csv.writer for a file opened with newline=""; every row goes through `cell`."""

    def __init__(self, out):
        self.writer = csv.writer(out, quoting=csv.QUOTE_ALL)

    def writerow(self, row):
        self.writer.writerow([cell(value) for value in row])
