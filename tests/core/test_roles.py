"""The editorial roles (core.roles): every app declares its grants on its AppConfig, and
`migrate` gives them all."""

import pytest
from django.contrib.auth.models import Group, Permission

from core.roles import declared, grant_roles

pytestmark = pytest.mark.django_db


def test_every_declared_permission_exists():
    """A misspelt codename would grant nothing, silently."""
    for group, spec in declared("role_grants").items():
        for app_label, codenames in spec:
            found = set(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                ).values_list("codename", flat=True)
            )
            assert found == set(codenames), (group, app_label, set(codenames) - found)


def test_the_test_database_has_every_declared_grant():
    for group, spec in declared("role_grants").items():
        granted = set(
            Group.objects.get(name=group).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert {(app, codename) for app, codenames in spec for codename in codenames} <= granted


def test_an_included_role_has_what_the_other_has(django_user_model):
    grant_roles()
    for group, included in declared("role_includes").items():
        for other in included:
            mine = set(Group.objects.get(name=group).permissions.all())
            assert set(Group.objects.get(name=other).permissions.all()) <= mine


def test_a_group_emptied_by_hand_gets_its_grants_again_and_a_hand_grant_stays():
    editors = Group.objects.get(name="Editors")
    by_hand = Permission.objects.get(codename="view_logentry")
    editors.permissions.set([by_hand])
    grant_roles()
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_logentry", "publish_recap", "view_dailyviews", "change_xtdcomment"} <= codenames
