"""A reader's comment sent while the database is away comes back on the 503 page, in the
site's look at phone and desktop widths, and goes through once the database is back."""

from unittest import mock

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError
from django_comments_xtd.models import XtdComment

from demo.factories import make_episode, make_recap, make_show
from discussion.models import CommentSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "The rain scene!\nSecond line <b>with markup</b> & all."


def test_a_comment_sent_during_an_outage_is_shown_again_and_sent_once_it_is_back(
    live_server, page, screenshot
):
    row = CommentSettings.load()
    row.min_seconds = 0
    row.save()
    recap = make_recap(make_episode(make_show(), 1), subtitle="The Song")
    page.goto(live_server.url + recap.get_absolute_url())
    page.fill("#id_comment", TYPED)
    page.fill("#id_name", "Ji-woo")
    page.fill("#id_email", "jiwoo@example.com")

    refused = OperationalError("connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=refused):
        page.click("button:has-text('Post Comment')")
        page.wait_for_selector("text=Nothing was stored")
        assert page.input_value("textarea[name=comment]") == TYPED
        assert page.input_value("input[name=name]") == "Ji-woo"
        for width in (390, 1280):
            screenshot(page, f"database-away-comment-{width}", width=width)

    assert XtdComment.objects.count() == 0
    page.click("button:has-text('Send again')")
    page.wait_for_url("**?posted=*")
    # Browsers send a textarea's line breaks as CRLF, the first time as the second.
    stored = XtdComment.objects.values_list("comment", flat=True)
    assert [text.replace("\r\n", "\n") for text in stored] == [TYPED]
