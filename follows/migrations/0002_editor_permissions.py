"""This migration granted the Editors' permissions once. The grants are
declared on the app's AppConfig (`role_grants`) and given by core.roles on every `migrate`
(and after a test database is flushed), as every app's are; kept, doing nothing, so that the
migrations that depend on it stay as they were."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("follows", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
