"""The demo shows both kinds of spoiler on one page: a marked paragraph in a recap's review and
a comment with [spoiler] markers, each collapsed."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_demo_recap_and_comment_spoilers_are_collapsed(demo_content, client):
    call_command("load_demo_comments", force=True, verbosity=0)

    html = client.get("/recaps/soundtrack-2-episode-4-recap-review/").content.decode()
    blocks = re.findall(r'<details class="spoiler">.*?</details>', html, flags=re.S)

    assert len(blocks) == 2
    assert "recording booth" in blocks[0]
    assert "his song gets the last word" in blocks[1]
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "recording booth" not in outside and "last word" not in outside
