"""Posts as recaps (importer.posts): headline, sections, status, slug and tags; posts that are
not episode recaps left out and listed."""

import csv

import pytest
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from importer.models import ImportRun, WordPressOrigin
from recaps.models import Recap
from tests.importer.rows import recap, row_counts

pytestmark = pytest.mark.django_db


def test_recap_headline_show_and_episode_come_from_the_post(imported):
    first = recap(101)
    assert first.headline == "Moonlit Harbor Episode 1 Recap and Review: Lanterns & Ledgers"
    assert first.episode.show.title == "Moonlit Harbor"  # the category's spelling
    assert first.slug == "moonlit-harbor-episode-1-recap"
    # "Ep 2 Recap &amp; Review – Tides Turn": an entity inside the title and a dash.
    assert recap(102).headline == "Moonlit Harbor Episode 2 Recap and Review: Tides Turn"


def test_korean_and_emoji_headlines_and_text_come_through(imported):
    korean = recap(108)
    assert korean.headline == "사운드트랙 Episode 2 Recap and Review: 노래 🎵"
    assert "한국어 본문과 이모지 🎧" in korean.body
    assert "“entities” &amp; more" in korean.body  # HTML entities read as text
    assert korean.slug == "episode-2"  # URLs here are ASCII; the old one redirects


def test_statuses_map_to_the_workflow(imported):
    assert recap(101).state == Recap.State.PUBLISHED
    assert recap(101).published_at.isoformat() == "2024-03-06T09:00:00+00:00"
    assert recap(103).state == Recap.State.SCHEDULED
    assert recap(105).state == Recap.State.IN_REVIEW
    titles = set(Recap.objects.values_list("subtitle", flat=True))
    assert "Deleted" not in titles  # trash is left out


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


def test_a_duplicate_slug_gets_a_suffix(imported):
    assert recap(102).slug == "moonlit-harbor-ep-2"
    assert recap(103).slug == "moonlit-harbor-ep-2-2"


def test_tags_keep_categories_that_are_not_shows(imported):
    assert set(recap(101).tags.names()) == {"K-Drama", "Romance"}
    assert set(recap(102).tags.names()) == {"Sea Stories 🌊"}


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


def test_a_newer_export_updates_what_changed(run_import, export):
    run_import()
    text = export.read_text(encoding="utf-8")
    newer = text.replace("Lanterns &amp; Ledgers", "Lanterns and Ledgers").replace(
        "<![CDATA[0]]></wp:comment_approved>", "<![CDATA[1]]></wp:comment_approved>"
    )
    export.write_text(newer, encoding="utf-8")
    before = row_counts()
    run_import()
    assert row_counts() == before
    assert recap(101).subtitle == "Lanterns and Ledgers"
    held = WordPressOrigin.objects.get(kind="comment", wp_id="305")
    comment = XtdComment.objects.get(pk=held.object_id)
    assert comment.is_public and comment.moderation.status == Moderation.Status.APPROVED
    assert ImportRun.objects.latest().counts["recaps_updated"] == 1
