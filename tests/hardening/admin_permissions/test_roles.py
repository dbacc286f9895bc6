"""Every admin action and every view an admin adds to Django's own checks the model permission.

Each role tries each action of every registered model's list on a real row, and each added view
(a model admin's URLs minus Django's changelist, add, change, delete and history), and the
outcome is the one PERMISSIONS (table.py) says: an allowed role gets the action or view done
(the row deleted or changed, the page answered), a refused one a 403 with the rows unchanged.
The actions and views come from the admin site's registry (`core.admin_site`), so one added
later that is not in the table fails here."""

from functools import partial

import pytest
from django.contrib import admin
from django.test import Client

from core.admin_site import actions_of, custom_views
from tests.hardening.admin_permissions.rows import try_action
from tests.hardening.admin_permissions.table import NOBODY, PERMISSIONS, ROLES, label
from tests.hardening.admin_permissions.visits import VIEW_VISITS

pytestmark = pytest.mark.django_db


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: label(item[0]))


def test_the_table_names_every_action_and_added_view():
    found = set()
    for model, model_admin in registered():
        found |= {(label(model), name) for name, _ in actions_of(model_admin)}
        found |= {(label(model), url_name) for url_name, _ in custom_views(model_admin)}
    assert found == set(PERMISSIONS)


def test_every_action_and_added_view_declares_a_permission():
    errors = [error for error in admin.site.check(None) if error.id.startswith("core.")]
    assert errors == []


def try_view(url_name, client, show, user):
    """(done, refused) for using the added view `url_name`."""
    response, done = VIEW_VISITS[url_name](client, show, user)
    return done, response.status_code == 403 and not done


def attempts(model, model_admin):
    """(name, attempt) for each action and added view of a model's admin, where
    `attempt(client, show, user)` answers (done, refused)."""
    for name, _ in actions_of(model_admin):
        yield name, partial(try_action, model=model, name=name)
    for url_name, _ in custom_views(model_admin):
        yield url_name, partial(try_view, url_name)


def test_each_role_may_use_exactly_the_actions_and_views_of_the_table(people, show):
    """Every action and added view, tried by every role: done where the table allows it,
    refused with a 403 and nothing changed elsewhere."""
    wrong = []
    for role in ROLES:
        client = Client()
        client.force_login(people[role])
        for model, model_admin in registered():
            for name, attempt in attempts(model, model_admin):
                allowed = role in PERMISSIONS.get((label(model), name), NOBODY)
                done, refused = attempt(client, show, people[role])
                if (done, refused) != (allowed, not allowed):
                    outcome = "done" if done else "refused" if refused else "neither"
                    wrong.append(f"{role} {label(model)} {name}: {outcome}")
    assert wrong == []
