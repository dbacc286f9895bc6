"""The demo's conversation: approved comments in threads, loaded once however often it runs,
and the form open on the demo's 2023 recaps."""

import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

pytestmark = pytest.mark.django_db


def test_demo_comments_are_approved_threaded_and_loaded_once(demo_content, client):
    call_command("load_demo_comments", force=True, verbosity=0)
    call_command("load_demo_comments", force=True, verbosity=0)

    assert XtdComment.objects.count() == 5
    assert XtdComment.objects.filter(is_public=True, is_removed=False).count() == 5
    assert XtdComment.objects.filter(level=1).count() == 2

    page = client.get("/recaps/soundtrack-2-episode-4-recap-review/").content.decode()
    assert "4 comments" in page
    assert "Leave a Reply" in page
    assert "rain@example.com" not in page


def test_demo_comments_refuse_to_run_outside_development():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo_comments", verbosity=0)
