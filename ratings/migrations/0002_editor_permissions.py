"""Editors see readers' votes and may clear them; no one adds or changes a vote by hand.

The Editors group is fetched or created and permissions only added, as the comment and workflow
migrations do, so they can run in any order; running this again changes nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_CODENAMES = ["view_episodevote", "delete_episodevote"]


def vote_permissions(apps):
    # Permissions are created after migrations; make sure they exist already on a fresh database.
    config = apps.get_app_config("ratings")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="ratings", codename__in=EDITOR_CODENAMES
    )


def give_editors_vote_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*vote_permissions(apps))


def take_vote_permissions_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="ratings", codename__in=EDITOR_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0001_votes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(give_editors_vote_permissions, take_vote_permissions_from_editors)
    ]
