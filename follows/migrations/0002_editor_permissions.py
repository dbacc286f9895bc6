"""Editors read the follower mail log of their recaps (who got what, bounced or complained)
and see the subscribers and change their state; nobody edits the log by hand.

As the ratings migration does: the Editors group is fetched or created and permissions only
added, so the migrations can run in any order; running this again changes nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["view_delivery", "view_follower", "change_follower"]


def follows_permissions(apps):
    # Permissions are created after migrations; make sure they exist already on a fresh database.
    config = apps.get_app_config("follows")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="follows", codename__in=EDITOR_CODENAMES
    )


def give_editors_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*follows_permissions(apps))


def take_permissions_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="follows", codename__in=EDITOR_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("follows", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give_editors_permissions, take_permissions_from_editors)]
