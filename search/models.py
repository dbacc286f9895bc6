from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from recaps.models import Recap


class RecapDocument(models.Model):
    """A recap's words as a PostgreSQL text-search vector, stored so that a search reads an
    index instead of parsing every recap. Kept current by search.documents on each save; unused
    (and empty) on other databases."""

    recap = models.OneToOneField(
        Recap, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField(null=True)

    class Meta:
        indexes = [GinIndex(fields=["document"], name="recap_document_gin")]

    def __str__(self):
        return f"Search document of {self.recap_id}"


class MatchField(models.TextField):
    """FTS5's hidden column named after its table: `column MATCH query` searches the row."""


@MatchField.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class RecapText(models.Model):
    """A recap's words in SQLite's FTS5 table (search.fts creates, fills and keeps it): read
    through the ORM, written by search.fts. The table exists only on SQLite with FTS5."""

    recap = models.OneToOneField(
        Recap,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="+",
    )
    #: `document__match=` runs an FTS5 query over every column.
    document = MatchField(db_column="search_recaptext")
    #: bm25 with the table's column weights; lower is better. Only meaningful with a match.
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_recaptext"

    def __str__(self):
        return f"Search text of {self.recap_id}"


class NameText(models.Model):
    """Names in SQLite's FTS5 trigram table (search.names creates, fills and keeps it): a
    show's titles, a person's names, or a character with its show and person."""

    row = models.BigIntegerField(primary_key=True, db_column="rowid")
    document = MatchField(db_column="search_nametext")
    show_id = models.BigIntegerField(null=True)
    person_id = models.BigIntegerField(null=True)

    class Meta:
        managed = False
        db_table = "search_nametext"

    def __str__(self):
        return f"Names of row {self.row}"
