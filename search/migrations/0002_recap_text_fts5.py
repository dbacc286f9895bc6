import re

import django.db.models.deletion
from django.db import OperationalError, migrations, models

import search.models
from core.richtext import text_without_spoiler_passages

# Frozen copies of search.fts's definitions as of this migration.
TABLE = "search_recaptext"
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(subtitle, summary, intro, sections, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
RANK_SQL = f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 1.0)')"
SENTINELS = re.compile("[\ue000\ue001]")


def clean(text):
    return SENTINELS.sub(" ", text or "")


def forget_availability():
    # search.fts remembers whether the table exists; it does not remember across this.
    from search import fts

    fts.forget()


def create_table(apps, schema_editor):
    """SQLite only, and only when its build has FTS5: search falls back to substring matches
    otherwise. Existing recaps are indexed here, so search works right after the upgrade."""
    if schema_editor.connection.vendor != "sqlite":
        return
    forget_availability()
    cursor = schema_editor.connection.cursor()
    try:
        cursor.execute(CREATE_SQL)
    except OperationalError as error:
        if "no such module" in str(error):
            return
        raise
    cursor.execute(RANK_SQL)
    Recap = apps.get_model("recaps", "Recap")
    rows = (
        (
            recap.pk,
            clean(recap.subtitle),
            clean(f"{recap.verdict} {recap.meta_description}"),
            clean(text_without_spoiler_passages(recap.intro)),
            clean(
                " ".join(
                    text_without_spoiler_passages(section)
                    for section in (recap.body, recap.bonus_track, recap.review)
                )
            ),
        )
        for recap in Recap.objects.order_by().iterator(chunk_size=500)
    )
    cursor.executemany(
        f"INSERT INTO {TABLE} (rowid, subtitle, summary, intro, sections) "
        "VALUES (%s, %s, %s, %s, %s)",
        rows,
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        forget_availability()


class Migration(migrations.Migration):
    dependencies = [
        ("recaps", "0008_move_recap_tags_to_tagged_recap"),
        ("search", "0001_recap_document"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecapText",
            fields=[
                (
                    "recap",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="recaps.recap",
                    ),
                ),
                ("document", search.models.MatchField(db_column="search_recaptext")),
                ("rank", models.FloatField()),
            ],
            options={
                "db_table": "search_recaptext",
                "managed": False,
            },
        ),
        migrations.RunPython(create_table, drop_table),
    ]
