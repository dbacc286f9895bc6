"""Writers and Editors see the desk; Editors assign, skip and set each show's plan.

Groups are fetched or created and permissions only added, so this runs in any order with the
workflow's roles (recaps.roles) and the comments' (discussion), and again without change."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Writers": [("assignment", ["view_assignment"])],
    "Editors": [
        ("assignment", ["view_assignment", "assign_episode"]),
        ("showplan", ["view_showplan", "add_showplan", "change_showplan", "delete_showplan"]),
    ],
}


def desk_permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="desk", codename__in=codenames))


def grant(apps, schema_editor):
    config = apps.get_app_config("desk")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, spec in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*desk_permissions(apps, [c for _m, cs in spec for c in cs]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="desk")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant, revoke)]
