"""Comments with their threads and moderation status (importer.comments)."""

import pytest
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from importer.models import ImportRun, WordPressOrigin

pytestmark = pytest.mark.django_db


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
