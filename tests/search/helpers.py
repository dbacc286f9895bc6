"""What the search tests share: the index backends a test needs, and reading a results page."""

import pytest
from django.db import connection

from search import fts

on_sqlite_fts5 = pytest.mark.skipif(
    connection.vendor != "sqlite" or not fts.sqlite_has_fts5(),
    reason="the FTS5 index exists only on SQLite built with FTS5",
)


with_full_text = pytest.mark.skipif(
    connection.vendor not in ("postgresql", "sqlite")
    or (connection.vendor == "sqlite" and not fts.sqlite_has_fts5()),
    reason="stemming and ranking need PostgreSQL's or SQLite's FTS5 full-text index",
)


def results(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200, response.content[:500]
    return response


def found_slugs(response):
    return [result["slug"] for result in response.context["recaps"]]
