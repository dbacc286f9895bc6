"""The run (importer.run): running again, a dry run, and a post that fails rolled back alone."""

from dataclasses import fields

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from importer import comments
from importer.models import ImportRun, WordPressOrigin
from importer.state import Pending
from recaps.models import Recap, RecapTransition, Still, TaggedRecap
from shows.models import Show
from tests.importer.rows import recap, row_counts

pytestmark = pytest.mark.django_db


def test_running_the_same_export_again_changes_nothing(run_import):
    run_import()
    before = row_counts()
    run_import()
    assert row_counts() == before
    second = ImportRun.objects.latest()
    assert second.counts["recaps_unchanged"] == 5
    assert second.counts.get("recaps_created", 0) == 0
    assert second.counts["comments_unchanged"] == 6


def test_dry_run_writes_nothing(run_import, capsys):
    run_import(dry_run=True, verbosity=1)
    assert Recap.objects.count() == 0 and ImportRun.objects.count() == 0
    assert get_user_model().objects.count() == 0
    out = capsys.readouterr().out
    assert "Dry run" in out and "Recaps: 5 created" in out


def test_missing_export_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such export file"):
        call_command("import_wordpress", "/nonexistent/export.xml", verbosity=0)


def test_one_bad_post_is_reported_and_the_rest_imported(run_import, export, monkeypatch):
    from importer import content

    real_split = content.split

    def split(html):
        if "Waiting for an editor" in html:
            raise ValueError("a body this importer cannot read")
        return real_split(html)

    monkeypatch.setattr(content, "split", split)
    run_import()
    run = ImportRun.objects.get()
    assert run.counts["failed"] == 1 and run.counts["recaps_created"] == 4
    failed = [item for item in run.attention if item["outcome"] == "failed"]
    assert failed[0]["wp_id"] == "105" and "cannot read" in failed[0]["reason"]
    assert not Show.objects.filter(title="Starfall Season 2").exists()  # rolled back
    # What the batch writes at its end is there for the others, and nothing for the failed one.
    assert RecapTransition.objects.count() == 4 and Still.objects.count() == 2
    assert WordPressOrigin.objects.filter(kind="post").count() == 4
    assert recap(101).tags.exists()


def test_a_recap_the_search_index_refuses_is_listed_and_the_rest_indexed(
    run_import, monkeypatch, client
):
    from django.db import DatabaseError

    from search import documents

    real_refresh = documents.refresh

    def refresh(recaps):
        if recaps.filter(subtitle="Tides Turn").exists():
            raise DatabaseError("string is too long for tsvector")
        real_refresh(recaps)

    monkeypatch.setattr(documents, "refresh", refresh)
    run_import()
    refused = [i for i in ImportRun.objects.get().attention if i["outcome"] == "not in search"]
    assert [item["wp_id"] for item in refused] == ["102"]
    assert recap(101).get_absolute_url() in client.get("/search/?q=ledgers").text


def fail_in_the_comments_of(monkeypatch, post_id):
    """Post `post_id` fails after its recap, tags, stills and Also Read picks are pending;
    returns the set that will hold the kinds of pending row it had added when rolled back."""
    real_import_comments = comments.import_comments
    real_roll_back = Pending.roll_back
    grown = set()

    def import_comments(state, item, recap):
        if item.id == post_id:
            raise ValueError("a comment this importer cannot read")
        real_import_comments(state, item, recap)

    def roll_back(pending, mark):
        grown.update(kind for kind, length in pending.mark().items() if length > mark[kind])
        real_roll_back(pending, mark)

    monkeypatch.setattr(comments, "import_comments", import_comments)
    monkeypatch.setattr(Pending, "roll_back", roll_back)
    return grown


def test_a_failed_post_leaves_none_of_its_pending_rows_written(run_import, monkeypatch):
    """Post 102 (new, with a still, a tag and an Also Read link to 101) fails in its comments,
    when a row of every kind the pending set holds is waiting to be written."""
    grown = fail_in_the_comments_of(monkeypatch, 102)
    run_import()
    assert grown == {kind.name for kind in fields(Pending)}  # a new kind must be checked below
    run = ImportRun.objects.get()
    assert run.counts["failed"] == 1
    assert run.counts["recaps_created"] == 4 and run.counts["images_found"] == 1  # not 102's
    assert [item["outcome"] for item in run.attention if item["wp_id"] == "102"] == ["failed"]
    assert not Recap.objects.filter(subtitle="Tides Turn").exists()  # edited: nothing to update
    assert not WordPressOrigin.objects.filter(wp_id__in=["102", "202@102"]).exists()  # origins
    assert not Still.objects.filter(alt_text="Two sailors on a stone quay at dusk").exists()
    assert not TaggedRecap.objects.filter(tag__name="Sea Stories 🌊").exists()  # tagged
    assert RecapTransition.objects.count() == Recap.objects.count() == 4  # transitions
    assert not Recap.also_read.through.objects.exists()  # also_read: 102's was the only pick


def test_a_post_after_a_failed_one_by_the_same_new_author_is_imported(
    run_import, export, monkeypatch
):
    """The user made for an author the export does not list goes with the post that failed;
    the next post by that author makes it again instead of naming the one rolled back."""
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("<![CDATA[jo]]></dc:creator>", "<![CDATA[ghost]]></dc:creator>"))
    fail_in_the_comments_of(monkeypatch, 102)
    run_import()
    run = ImportRun.objects.get()
    assert (run.counts["failed"], run.counts["recaps_created"]) == (1, 4)
    assert run.counts["users_created"] == 3  # mina, jo, and ghost once
    assert recap(105).author.username == "ghost"
