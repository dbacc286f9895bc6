"""SQLite's FTS5 index of recaps: the embedded default's full-text search.

One row a recap in the virtual table `search_recaptext` (rowid = the recap's id), written here
after each save and in bulk by `refresh_search`, with the same words as PostgreSQL's stored
document: spoiler passages left out, markup stripped. The table exists only when the SQLite
build has FTS5 (checked by the migration that creates it); without it search falls back to
substring matches.
"""

import re

from django.db import connection

from core.richtext import text_without_spoiler_passages

TABLE = "search_recaptext"
#: Columns in rank order: the subtitle weighs most, then the verdict and description, the
#: intro, and the article's sections (PostgreSQL's A, B, B, C weights). The migration that
#: creates the table (search 0002) sets its tokenizer (Porter stems, as PostgreSQL's English
#: configuration does) and its rank: bm25 with weights 10, 4, 4, 1.
COLUMNS = ("subtitle", "summary", "intro", "sections")
INTRO_COLUMN = COLUMNS.index("intro")
SECTIONS_COLUMN = COLUMNS.index("sections")
BATCH = 500
# The excerpt markers (search.query's START_SEL/STOP_SEL) never enter the index.
_SENTINELS = re.compile("[\ue000\ue001]")

_available = {}


def sqlite_has_fts5():
    """Whether Python's SQLite library was built with FTS5 (what the migration needs)."""
    import sqlite3

    with sqlite3.connect(":memory:") as probe:
        options = {row[0] for row in probe.execute("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def available(table=TABLE):
    """Whether this database has the FTS5 table `table`: checked once per database."""
    if connection.vendor != "sqlite":
        return False
    key = (connection.settings_dict["NAME"], table)
    if key not in _available:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            _available[key] = cursor.fetchone() is not None
    return _available[key]


def forget():
    """Check again next time: the migrations that create or drop the tables call this."""
    _available.clear()


def match_expression(words):
    """An FTS5 query that matches recaps holding every one of `words`, each taken literally:
    every word becomes a quoted string (inner quotes doubled), so no reader's input is ever
    read as FTS5 syntax (NEAR, AND, *, ^, column filters, parentheses). A word without
    letters or digits is an empty phrase, which FTS5 ignores."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _clean(text):
    return _SENTINELS.sub(" ", text or "")


def row(recap):
    """The indexed text of one recap, as (rowid, subtitle, summary, intro, sections)."""
    return (
        recap.pk,
        _clean(recap.subtitle),
        _clean(f"{recap.verdict} {recap.meta_description}"),
        _clean(text_without_spoiler_passages(recap.intro)),
        _clean(
            " ".join(
                text_without_spoiler_passages(section)
                for section in (recap.body, recap.bonus_track, recap.review)
            )
        ),
    )


def refresh(recaps):
    """Rewrite the rows of `recaps` (a queryset), in batches."""
    fields = ("pk", "subtitle", "verdict", "meta_description", "intro", "body", "bonus_track")
    batch = []
    with connection.cursor() as cursor:
        for recap in recaps.order_by().only(*fields, "review").iterator(chunk_size=BATCH):
            batch.append(row(recap))
            if len(batch) >= BATCH:
                _write(cursor, batch)
                batch = []
        _write(cursor, batch)


def _write(cursor, rows, table=TABLE, columns=COLUMNS):
    """Replace the rows (rowid first, then `columns`) of `table`."""
    if not rows:
        return
    ids = [r[0] for r in rows]
    cursor.execute(
        f"DELETE FROM {table} WHERE rowid IN ({', '.join(['%s'] * len(ids))})",
        ids,
    )
    values = ", ".join(["%s"] * (len(columns) + 1))
    cursor.executemany(
        f"INSERT INTO {table} (rowid, {', '.join(columns)}) VALUES ({values})",
        rows,
    )


def delete(pks, table=TABLE):
    pks = list(pks)
    if pks:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid IN ({', '.join(['%s'] * len(pks))})", pks
            )


def rebuild():
    """Empty the table and index every recap again (`refresh_search`)."""
    from recaps.models import Recap

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    refresh(Recap.objects.all())
    with connection.cursor() as cursor:
        # Merge the b-tree segments a bulk load leaves behind: fewer to read per query.
        cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
