"""The recaps' full-text index (search.documents, search.fts): stemming, quoting, and keeping
it current as recaps are edited, published, deleted or loaded in bulk."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from demo import factories
from recaps.models import Recap
from search.documents import refresh
from search.models import RecapText
from tests.search.helpers import found_slugs, on_sqlite_fts5, results, with_full_text


def test_an_edited_recap_is_found_by_its_new_words_and_not_its_old_ones(client, soundtrack, author):
    recap = factories.recap(soundtrack, 1, author, body="<p>The lighthouse scene.</p>")
    recap.body = "<p>The harbour scene.</p>"
    recap.save()

    assert found_slugs(results(client, "harbour")) == ["soundtrack-2-episode-1"]
    assert found_slugs(results(client, "lighthouse")) == []


@with_full_text
def test_a_word_finds_its_other_forms(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, body="<p>She writes lyrics by the lighthouses.</p>")

    assert found_slugs(results(client, "write")) == ["soundtrack-2-episode-1"]
    assert found_slugs(results(client, "lighthouse")) == ["soundtrack-2-episode-1"]


@with_full_text
def test_fts_syntax_in_a_query_is_matched_as_plain_words(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, body="<p>Piano near the lighthouse.</p>")
    factories.recap(soundtrack, 2, author, body="<p>Piano only.</p>")

    assert found_slugs(results(client, "piano NEAR lighthouse")) == ["soundtrack-2-episode-1"]
    assert found_slugs(results(client, '"piano" lighthouse*')) == ["soundtrack-2-episode-1"]
    assert found_slugs(results(client, "(piano) (lighthouse)")) == ["soundtrack-2-episode-1"]


@with_full_text
def test_a_published_recap_is_found_and_an_unpublished_one_is_not(client, soundtrack, author):
    recap = factories.draft(soundtrack, 1, author, body="<p>The lighthouse scene.</p>")
    assert found_slugs(results(client, "lighthouse")) == []

    recap.status = Recap.Status.PUBLISHED
    recap.published_at = timezone.now() - timedelta(minutes=1)
    recap.save()
    assert found_slugs(results(client, "lighthouse")) == [recap.slug]

    recap.status = Recap.Status.UNPUBLISHED
    recap.save()
    assert found_slugs(results(client, "lighthouse")) == []


@with_full_text
def test_a_deleted_recap_leaves_the_index(client, soundtrack, author):
    recap = factories.recap(soundtrack, 1, author, body="<p>The lighthouse scene.</p>")
    pk = recap.pk
    recap.delete()

    assert found_slugs(results(client, "lighthouse")) == []
    if connection.vendor == "sqlite":
        assert not RecapText.objects.filter(pk=pk).exists()


def load_in_bulk(soundtrack, author):
    """A recap written the way importers and bench_data write them: no save(), no signal."""
    Recap.objects.bulk_create(
        [
            Recap(
                episode=factories.episode(soundtrack, 1),
                subtitle="Loaded",
                slug="loaded",
                author=author,
                body="<p>The lighthouse scene.</p>",
                status=Recap.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(minutes=1),
            )
        ]
    )


@with_full_text
def test_recaps_loaded_in_bulk_are_found_after_a_refresh(client, soundtrack, author):
    load_in_bulk(soundtrack, author)
    assert found_slugs(results(client, "lighthouse")) == []

    refresh(Recap.objects.all())

    assert found_slugs(results(client, "lighthouse")) == ["loaded"]


@on_sqlite_fts5
def test_refresh_search_rebuilds_the_fts5_index(client, soundtrack, author):
    load_in_bulk(soundtrack, author)
    factories.recap(soundtrack, 2, author, body="<p>Another lighthouse.</p>")

    call_command("refresh_search", stdout=io.StringIO())

    assert sorted(found_slugs(results(client, "lighthouse"))) == [
        "loaded",
        "soundtrack-2-episode-2",
    ]
    assert RecapText.objects.count() == 2
