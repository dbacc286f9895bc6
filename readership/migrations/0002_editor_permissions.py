"""Editors read what readers read (the views report); nobody edits the counts by hand.

As the follows and ratings migrations do: the Editors group is fetched or created and the
permission only added, so the migrations can run in any order."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["view_dailyviews"]


def readership_permissions(apps):
    # Permissions are created after migrations; make sure they exist already on a fresh database.
    config = apps.get_app_config("readership")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="readership", codename__in=EDITOR_CODENAMES
    )


def give_editors_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*readership_permissions(apps))


def take_permissions_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="readership", codename__in=EDITOR_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give_editors_permissions, take_permissions_from_editors)]
