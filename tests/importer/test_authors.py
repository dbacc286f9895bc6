"""WordPress authors as writers (importer.authors)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from importer import wxr
from importer.authors import create_user
from importer.models import ImportRun
from importer.report import Report
from recaps.roles import WRITERS
from tests.importer.rows import recap

pytestmark = pytest.mark.django_db


def test_authors_become_writers_without_passwords(imported):
    mina = recap(101).author
    assert mina.get_full_name() == "Mina Park"
    assert not mina.has_usable_password()
    assert mina.groups.filter(name=WRITERS).exists()
    assert recap(102).author.get_full_name() == "Jo Lee"


def test_a_username_taken_here_gets_a_wp_name_and_is_listed(run_import):
    get_user_model().objects.create_user("mina")
    get_user_model().objects.create_user("wp-mina")
    run_import()
    assert recap(101).author.username == "wp-mina-2"
    renamed = [item for item in ImportRun.objects.get().attention if item["outcome"] == "renamed"]
    assert [item["wp_id"] for item in renamed] == ["mina"]


def test_a_long_login_that_is_taken_gets_a_name_that_fits(db):
    """The suffix used to be cut off a login of 147 characters or more, and the loop looked
    for a free name for ever."""
    login = "l" * 160
    taken = {login[:150], f"wp-{login}"[:150]}
    user = create_user(SimpleNamespace(report=Report()), wxr.Author(login=login), taken)
    assert user.username == f"wp-{login}"[:148] + "-2"
