"""The generated export (the benchmark's, at test size): every post imports, and the number of
queries grows by a fixed amount per post, whatever the number of comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment

from importer.generate import write_export
from importer.run import WordPressImport
from recaps.models import Recap, Still

pytestmark = pytest.mark.django_db


def queries_for(tmp_path, settings, name, posts, comments_per_post):
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = tmp_path / f"{name}-uploads"
    export = tmp_path / f"{name}.xml"
    write_export(export, posts, comments_per_post, uploads)
    with CaptureQueriesContext(connection) as context:
        report = WordPressImport(export, uploads=uploads).run()
    return len(context.captured_queries), report


def test_generated_export_imports_every_post_image_and_comment(tmp_path, settings):
    _, report = queries_for(tmp_path, settings, "small", posts=20, comments_per_post=5)
    assert report.counts["recaps_created"] == Recap.objects.count() == 20
    assert report.counts["images_found"] == Still.objects.count() == 20
    assert report.counts["images_missing"] == 0
    # Of every 5 comments: 3 public (root, reply, reply to it), 1 held, 1 pingback or spam.
    assert XtdComment.objects.count() == 80
    assert report.counts["comments_held"] == 20
    assert report.counts["also_read"] == 19
    assert report.counts["facts_dropped"] == 20


def wipe():
    """Back to an empty site, so each measured import starts from the same state."""
    from django.contrib.auth import get_user_model
    from django.contrib.redirects.models import Redirect
    from taggit.models import Tag

    from importer.models import WordPressOrigin
    from shows.models import Show

    XtdComment.objects.all().delete()
    Recap.objects.all().delete()
    for model in (Show, Tag, Redirect, WordPressOrigin, get_user_model()):
        model.objects.all().delete()


def test_queries_per_post_are_constant(tmp_path, settings):
    """Twice the posts cost twice the per-post queries, and five times the comments cost no
    more queries at all (setup and the closing bulk writes are a fixed amount)."""
    queries_for(tmp_path, settings, "warm", posts=1, comments_per_post=1)  # fills Django's
    wipe()  # content-type and site caches, which every later run finds full
    few, _ = queries_for(tmp_path, settings, "a", posts=8, comments_per_post=5)
    wipe()
    more_comments, _ = queries_for(tmp_path, settings, "b", posts=8, comments_per_post=25)
    assert more_comments == few
    wipe()
    twice, _ = queries_for(tmp_path, settings, "c", posts=16, comments_per_post=5)
    per_post = (twice - few) / 8
    assert per_post <= 20, per_post  # 17 on SQLite: recap, still, tags, comments, origins
