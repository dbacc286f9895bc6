"""Chief editors: editors who also change the site settings and unlock colleagues."""

import pytest
from django.contrib.auth.models import Group

from recaps.roles import CHIEF_EDITORS, EDITORS

pytestmark = pytest.mark.django_db


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_migrate_makes_the_chief_editors_group_editors_plus_staff_settings():
    chief, editor = codenames(CHIEF_EDITORS), codenames(EDITORS)
    assert editor <= chief
    assert chief - editor >= {
        "change_sitesettings",
        "view_sitesettings",
        "view_accessattempt",
        "delete_accessattempt",
    }
    assert not {"change_user", "add_user", "change_group"} & chief
