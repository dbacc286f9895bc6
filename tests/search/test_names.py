"""Names in /search/ (search.names): titles, people and characters, kept current (SQLite's
trigram index when it has one)."""

import io

from django.core.management import call_command

from tests.search.helpers import on_sqlite_fts5, results


def test_a_renamed_show_is_found_by_its_new_title_and_not_its_old_one(client, soundtrack):
    soundtrack.title = "Harbour Lights"
    soundtrack.save()

    assert results(client, "harbour light").context["shows"] == [soundtrack]
    assert results(client, "Soundtrack #2").context["shows"] == []


def test_a_deleted_credit_no_longer_finds_its_person_or_show(client, soundtrack, cast):
    cast.credits.get().delete()

    response = results(client, "Han Su-ho")

    assert response.context["people"] == []
    assert response.context["shows"] == []


def test_a_deleted_person_is_not_found(client, cast):
    cast.delete()

    assert results(client, "Geum Sae").context["people"] == []


def test_a_query_of_two_characters_still_matches_names(client, cast):
    assert results(client, "금새").context["people"] == [cast]
    assert results(client, "eu").context["people"] == [cast]


@on_sqlite_fts5
def test_refresh_search_indexes_names_loaded_in_bulk(client, db):
    from shows.models import Show

    Show.objects.bulk_create([Show(title="Bulk Loaded Drama", slug="bulk-loaded-drama")])
    assert results(client, "loaded drama").context["shows"] == []

    call_command("refresh_search", stdout=io.StringIO())

    assert [show.slug for show in results(client, "loaded drama").context["shows"]] == [
        "bulk-loaded-drama"
    ]
