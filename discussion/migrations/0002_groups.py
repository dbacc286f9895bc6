"""Moderators see and act on comments and nothing else; Editors may moderate too.

Both groups are fetched or created, and permissions only added, so this migration and the
editorial workflow's (which gives Editors their other permissions) can run in either order,
and running it again changes nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMENT_PERMISSIONS = [
    ("django_comments_xtd", "xtdcomment", ["view", "change"]),
    ("discussion", "moderation", ["view", "change"]),
    ("discussion", "recapdiscussion", ["view", "add", "change", "delete"]),
]


def ensure_permissions(apps):
    # Permissions are created after migrations; make sure they exist already on a fresh database.
    for label in ("django_comments_xtd", "discussion"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None


def comment_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, actions in COMMENT_PERMISSIONS:
        for action in actions:
            found.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )
    return found


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    permissions = comment_permissions(apps)
    for name in ("Moderators", "Editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def remove_comment_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    labels = {app_label for app_label, _model, _actions in COMMENT_PERMISSIONS}
    permissions = Permission.objects.filter(content_type__app_label__in=labels)
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*permissions)
    Group.objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_comment_permissions)]
