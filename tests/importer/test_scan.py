"""Pass 1 (importer.scan): an export that is unsafe or broken stops the import before anything
is written; WXR 1.1 reads like 1.2."""

import pytest
from django.core.management import CommandError

from importer.models import ImportRun
from recaps.models import Recap
from tests.importer.rows import row_counts

pytestmark = pytest.mark.django_db


def test_wxr_1_1_reads_the_same(run_import, export):
    export.write_text(
        export.read_text(encoding="utf-8").replace("export/1.2/", "export/1.1/"), encoding="utf-8"
    )
    run_import()
    assert Recap.objects.count() == 5


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol3;</title></channel></rss>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BOMB, "declares a DTD or entities"),
        ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><rss/>', "DTD"),
        ("<rss><channel><item><title>cut off", "not well-formed XML"),
        ("<html><body>not an export</body></html>", "not a WordPress export"),
    ],
    ids=["entity-bomb", "external-dtd", "malformed", "not-wxr"],
)
def test_unsafe_or_broken_exports_fail_clearly_and_write_nothing(
    run_import, tmp_path, text, message
):
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert all(value == 0 for value in row_counts().values())
    assert ImportRun.objects.count() == 0


def test_a_malformed_end_writes_nothing_either(run_import, export):
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("</channel>", "<item><title>broken</item></channel>"))
    with pytest.raises(CommandError, match="not well-formed"):
        run_import()
    assert Recap.objects.count() == 0
