"""Move the recaps' tag links from taggit's generic TaggedItem rows into TaggedRecap.

One INSERT … SELECT each way, so the rows never pass through Python and a large table moves in
one statement on SQLite and PostgreSQL alike. Generic rows pointing at a recap that no longer
exists are dropped, not copied: the new table's foreign key would refuse them. Going back copies
the links into generic rows again before 0007 drops the table."""

from django.db import migrations


class _Tables:
    """Quoted table and column names of the two link tables, as this migration state has them."""

    def __init__(self, apps, schema_editor):
        quote = schema_editor.quote_name
        generic = apps.get_model("taggit", "TaggedItem")._meta
        typed = apps.get_model("recaps", "TaggedRecap")._meta
        recap = apps.get_model("recaps", "Recap")._meta
        self.generic = quote(generic.db_table)
        self.generic_type = quote(generic.get_field("content_type").column)
        self.generic_object = quote(generic.get_field("object_id").column)
        self.generic_tag = quote(generic.get_field("tag").column)
        self.typed = quote(typed.db_table)
        self.typed_recap = quote(typed.get_field("content_object").column)
        self.typed_tag = quote(typed.get_field("tag").column)
        self.recap = quote(recap.db_table)
        self.recap_pk = quote(recap.pk.column)


def _recap_type(apps, schema_editor, *, create):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if create:
        return types.get_or_create(app_label="recaps", model="recap")[0]
    # None on a fresh database: no recap was ever tagged through the generic table.
    return types.filter(app_label="recaps", model="recap").first()


def to_tagged_recap(apps, schema_editor):
    recap_type = _recap_type(apps, schema_editor, create=False)
    if recap_type is None:
        return
    t = _Tables(apps, schema_editor)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {t.typed} ({t.typed_recap}, {t.typed_tag}) "
            f"SELECT {t.generic_object}, {t.generic_tag} FROM {t.generic} "
            f"WHERE {t.generic_type} = %s "
            f"AND {t.generic_object} IN (SELECT {t.recap_pk} FROM {t.recap})",
            [recap_type.pk],
        )
        cursor.execute(f"DELETE FROM {t.generic} WHERE {t.generic_type} = %s", [recap_type.pk])


def to_generic_tagged_items(apps, schema_editor):
    recap_type = _recap_type(apps, schema_editor, create=True)
    t = _Tables(apps, schema_editor)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {t.generic} ({t.generic_type}, {t.generic_object}, {t.generic_tag}) "
            f"SELECT %s, {t.typed_recap}, {t.typed_tag} FROM {t.typed}",
            [recap_type.pk],
        )
        cursor.execute(f"DELETE FROM {t.typed}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("recaps", "0007_tagged_recap"),
    ]

    operations = [migrations.RunPython(to_tagged_recap, to_generic_tagged_items)]
