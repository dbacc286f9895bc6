"""SQLite's trigram index of names: show titles, people's names and characters.

A search matches shows and people by any part of a name (`icontains`); with thousands of
credits that is a scan of every one, three times a search. FTS5's trigram tokenizer answers
the same substring question from an index: a quoted query matches every row that holds it,
case-insensitively. Queries shorter than three characters have no trigram; they keep the scan.

Rows: one a show (its titles), one a person (their names), one a credit (the character, with
its show and person), kept current by signals after each save and delete and rebuilt by
`refresh_search`. Rowids keep the three kinds apart: id * 3 + kind.
"""

from django.db import connection

from . import fts

TABLE = "search_nametext"
COLUMNS = ("text", "show_id", "person_id")
SHOW, PERSON, CREDIT = range(3)
#: Between the names of one row, so no query (control characters are removed from it) matches
#: across two of them.
SEPARATOR = "\x1f"
MIN_LENGTH = 3


def available():
    return fts.available(TABLE)


def usable(query):
    return len(query) >= MIN_LENGTH and available()


def _rowid(pk, kind):
    return pk * 3 + kind


def _joined(*names):
    return SEPARATOR.join(fts._clean(name) for name in names if name)


def show_row(show):
    return (
        _rowid(show.pk, SHOW),
        _joined(show.title, show.native_title, show.other_titles),
        show.pk,
        None,
    )


def person_row(person):
    return (_rowid(person.pk, PERSON), _joined(person.name, person.native_name), None, person.pk)


def credit_row(credit):
    return (
        _rowid(credit.pk, CREDIT),
        fts._clean(credit.character_name),
        credit.show_id,
        credit.person_id,
    )


def write(rows):
    with connection.cursor() as cursor:
        fts._write(cursor, list(rows), TABLE, COLUMNS)


def delete(pk, kind):
    fts.delete([_rowid(pk, kind)], TABLE)


def rebuild():
    """Index every show, person and credit again (`refresh_search`)."""
    from people.models import Credit, Person
    from shows.models import Show

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    for queryset, row in (
        (Show.objects.only("title", "native_title", "other_titles"), show_row),
        (Person.objects.only("name", "native_name"), person_row),
        (Credit.objects.only("character_name", "show_id", "person_id"), credit_row),
    ):
        batch = []
        for item in queryset.order_by().iterator(chunk_size=fts.BATCH):
            batch.append(row(item))
            if len(batch) >= fts.BATCH:
                write(batch)
                batch = []
        write(batch)


def matching(query):
    """Rows whose names hold `query` (at least MIN_LENGTH characters)."""
    from .models import NameText

    return NameText.objects.filter(document__match=fts.match_expression([query]))


# Signal receivers: one row rewritten or dropped after each save or delete.


def refresh_show(sender, instance, **kwargs):
    if available():
        write([show_row(instance)])


def refresh_person(sender, instance, **kwargs):
    if available():
        write([person_row(instance)])


def refresh_credit(sender, instance, **kwargs):
    if available():
        write([credit_row(instance)])


def forget_show(sender, instance, **kwargs):
    if available():
        delete(instance.pk, SHOW)


def forget_person(sender, instance, **kwargs):
    if available():
        delete(instance.pk, PERSON)


def forget_credit(sender, instance, **kwargs):
    if available():
        delete(instance.pk, CREDIT)
