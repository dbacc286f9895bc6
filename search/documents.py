"""Each recap's stored search document (PostgreSQL's RecapDocument, or SQLite's FTS5 row in
search.fts): what a recap's words are for the full-text search, refreshed after every save and
in bulk for loaders that bypass save().

Spoiler passages (core.spoiler_passages) are not indexed: a search for what happens later must not
find, rank or quote the recap that hides it."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from core import spoiler_passages
from recaps.models import Recap

from . import fts
from .models import RecapDocument

SEARCH_CONFIG = "english"


class StripTags(Func):
    """HTML to plain text in SQL, so ranking and headlines see words, not markup."""

    function = "REGEXP_REPLACE"
    template = "%(function)s(%(expressions)s, '<[^>]*>', ' ', 'g')"
    output_field = TextField()


class WithoutSpoilerPassages(Func):
    """Rich text without its spoiler passages, in SQL."""

    function = "REGEXP_REPLACE"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(spoiler_passages.PARAGRAPH), Value(" "), Value("g"))


def plain(field):
    return StripTags(
        WithoutSpoilerPassages(Coalesce(F(field), Value(""), output_field=TextField()))
    )


def recap_vector():
    """Weighted words of a recap: the subtitle first, then verdict, description and intro, then
    the article's sections. (The show's title and characters are matched separately.)"""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("subtitle", weight="A", config=SEARCH_CONFIG)
        + SearchVector("verdict", "meta_description", weight="B", config=SEARCH_CONFIG)
        + SearchVector(plain("intro"), weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            plain("body"), plain("bonus_track"), plain("review"), weight="C", config=SEARCH_CONFIG
        )
    )


def refresh(recaps):
    """Rewrite the documents of `recaps` (a queryset): on PostgreSQL two queries however many
    there are; on SQLite with FTS5 the rows of its index, text extracted in Python."""
    if fts.available():
        fts.refresh(recaps)
        return
    if connection.vendor != "postgresql":
        return
    RecapDocument.objects.bulk_create(
        [RecapDocument(recap_id=pk) for pk in recaps.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )
    words = Recap.objects.filter(pk=OuterRef("recap_id")).annotate(words=recap_vector())
    RecapDocument.objects.filter(recap__in=recaps).update(
        document=Subquery(words.values("words")[:1])
    )


_deferred = ContextVar("deferred_recap_refresh", default=None)


@contextmanager
def deferred_refresh():
    """Inside, a saved recap's document is not rewritten: its id joins the yielded set, for a
    loader saving many recaps to `refresh()` them together (a few queries, not a few each)."""
    saved = set()
    token = _deferred.set(saved)
    try:
        yield saved
    finally:
        _deferred.reset(token)


def refresh_saved_recap(sender, instance, **kwargs):
    deferred = _deferred.get()
    if deferred is not None:
        deferred.add(instance.pk)
        return
    refresh(Recap.objects.filter(pk=instance.pk))


def forget_deleted_recap(sender, instance, **kwargs):
    """PostgreSQL's documents go with their recap (a foreign key); FTS5 rows have none."""
    if fts.available():
        fts.delete([instance.pk])
