"""The admin permission tests' accounts, one per role, and a show to make rows under."""

import pytest
from django.contrib.auth.models import Group, Permission

from demo.factories import make_show
from tests.hardening.admin_permissions.table import C, E, M, S, W


@pytest.fixture
def people(db, django_user_model):
    users = {}
    for role, group in ((W, "Writers"), (E, "Editors"), (M, "Moderators"), (C, None)):
        users[role] = django_user_model.objects.create_user(username=role, is_staff=True)
        if group:
            users[role].groups.add(Group.objects.get(name=group))
    users[C].user_permissions.set(Permission.objects.all())
    users[S] = django_user_model.objects.create_superuser(username=S)
    return users


@pytest.fixture
def show(db):
    return make_show()
