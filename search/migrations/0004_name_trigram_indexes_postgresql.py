from django.db import migrations

# Django's icontains on PostgreSQL is `UPPER(column::text) LIKE UPPER(%s)`: these expression
# indexes (pg_trgm's GIN operator class) answer it without reading every row.
INDEXES = {
    "search_show_names_trgm": (
        "shows_show",
        ("title", "native_title", "other_titles"),
    ),
    "search_person_names_trgm": ("people_person", ("name", "native_name")),
    "search_credit_character_trgm": ("people_credit", ("character_name",)),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, columns) in INDEXES.items():
        expressions = ", ".join(f"UPPER({column}::text) gin_trgm_ops" for column in columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expressions})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("shows", "0001_initial"),
        ("search", "0003_name_text_trigram"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
