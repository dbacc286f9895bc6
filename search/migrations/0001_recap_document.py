import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

INDEX = django.contrib.postgres.indexes.GinIndex(fields=["document"], name="recap_document_gin")


def create_index(apps, schema_editor):
    # GIN indexes exist only on PostgreSQL, the one database whose search reads them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("search", "RecapDocument"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("search", "RecapDocument"), INDEX)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("recaps", "0003_readable_constraint_messages"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecapDocument",
            fields=[
                (
                    "recap",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="recaps.recap",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="recapdocument", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
    ]
