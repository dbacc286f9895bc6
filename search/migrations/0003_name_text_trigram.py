from django.db import OperationalError, migrations, models

import search.models

TABLE = "search_nametext"
SEPARATOR = "\x1f"


def forget_availability():
    # search.fts remembers whether the table exists; it does not remember across this.
    from search import fts

    fts.forget()


def rows(apps):
    """Frozen copy of search.names' rows: (rowid, text, show_id, person_id)."""

    def joined(*names):
        return SEPARATOR.join(name for name in names if name)

    for show in apps.get_model("shows", "Show").objects.order_by().iterator():
        text = joined(show.title, show.native_title, show.other_titles)
        yield (show.pk * 3, text, show.pk, None)
    for person in apps.get_model("people", "Person").objects.order_by().iterator():
        yield (person.pk * 3 + 1, joined(person.name, person.native_name), None, person.pk)
    for credit in apps.get_model("people", "Credit").objects.order_by().iterator():
        yield (credit.pk * 3 + 2, credit.character_name, credit.show_id, credit.person_id)


def create_table(apps, schema_editor):
    """SQLite with FTS5 only (the trigram tokenizer needs SQLite 3.34); elsewhere names are
    matched with icontains as before."""
    if schema_editor.connection.vendor != "sqlite":
        return
    forget_availability()
    cursor = schema_editor.connection.cursor()
    try:
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, show_id UNINDEXED, "
            "person_id UNINDEXED, tokenize = 'trigram')"
        )
    except OperationalError as error:
        if "no such module" in str(error) or "no such tokenizer" in str(error):
            return
        raise
    cursor.executemany(
        f"INSERT INTO {TABLE} (rowid, text, show_id, person_id) VALUES (%s, %s, %s, %s)",
        rows(apps),
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        forget_availability()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("shows", "0001_initial"),
        ("search", "0002_recap_text_fts5"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameText",
            fields=[
                (
                    "row",
                    models.BigIntegerField(db_column="rowid", primary_key=True, serialize=False),
                ),
                ("document", search.models.MatchField(db_column="search_nametext")),
                ("show_id", models.BigIntegerField(null=True)),
                ("person_id", models.BigIntegerField(null=True)),
            ],
            options={
                "db_table": "search_nametext",
                "managed": False,
            },
        ),
        migrations.RunPython(create_table, drop_table),
    ]
