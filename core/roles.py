"""The editorial roles are auth groups, kept in step with the code on every `migrate` (and after
a test database is flushed).

Each app that gives a role permissions declares them once, on its AppConfig: `role_grants`,
{group name: [(app label, [codenames])]}, and `role_includes`, {group: group whose permissions
it has too}. `grant_roles` gives every declaration, after the last app's `post_migrate`, when
every app's permissions exist, so an app may grant another's. It only adds: a permission given
by hand stays. Data migrations grant nothing: a flushed test database and a new permission in
the code both get their grants on the next `migrate` without one."""

from django.apps import apps
from django.db.models import Q


def declared(attribute):
    """Every app's declarations of `attribute`, merged: {group name: [...]}."""
    merged = {}
    for config in apps.get_app_configs():
        for group, value in getattr(config, attribute, {}).items():
            merged.setdefault(group, []).extend(value if isinstance(value, list) else [value])
    return merged


def permissions(spec):
    from django.contrib.auth.models import Permission

    query = Q(pk__in=[])
    for app_label, codenames in spec:
        query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return list(Permission.objects.filter(query))


def grant_roles(**kwargs):
    from django.contrib.auth.models import Group

    groups = {}
    for name, spec in declared("role_grants").items():
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(*permissions(spec))
    for name, included in declared("role_includes").items():
        group = groups.get(name) or Group.objects.get_or_create(name=name)[0]
        for other in included:
            group.permissions.add(*Group.objects.get(name=other).permissions.all())


def connect():
    """`grant_roles` after the last app's `post_migrate`."""
    from django.db.models.signals import post_migrate

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    post_migrate.connect(grant_roles, sender=last, dispatch_uid="core.grant_roles")
