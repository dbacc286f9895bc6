"""Conditions on recaps that reader pages share, written for how the database reads them."""

from django.db.models import Q

from .models import TaggedRecap


def tagged_with(tag):
    """Recaps carrying `tag`, as ids read from the tag's index (tag, recap).

    As an IN list the tag's own recaps drive the query: counting them and sorting a page cost
    the size of the tag, where a join let SQLite walk every published recap newest first and
    look up its tags (the whole archive for a count, or for a page of a rare tag). SQLite
    picks this plan once it has statistics (ANALYZE, run after bulk loads by bench_data and
    refresh_search); PostgreSQL has them from autovacuum."""
    return Q(pk__in=TaggedRecap.objects.filter(tag=tag).values("content_object"))
