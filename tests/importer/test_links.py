"""Links that need every post (importer.links): Also Read picks. The redirects from old
addresses are read over HTTP in test_old_urls_and_reader.py."""

import pytest

from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


def test_also_read_links_between_posts_become_picks(imported):
    assert list(recap(102).also_read.all()) == [recap(101)]
