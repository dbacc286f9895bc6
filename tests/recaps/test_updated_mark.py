"""A recap reads "Updated <date>" (and its metadata a later modified time) only when an editor
changed the text readers read after it was published: not for a save that changes nothing, an
edit before publication, a comment, or a bulk update that moves `updated_at`."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone
from django_comments_xtd.models import XtdComment

from demo.factories import make_episode, make_recap
from recaps.models import Recap
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def recap(soundtrack, editor):
    return make_recap(
        make_episode(soundtrack, 4),
        author=editor,
        when=timezone.now() - timedelta(days=3),
        subtitle="A song in the rain",
        verdict="Quietly devastating.",
        rating=8,
    )


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


def edit_in_admin(editor_client, recap, **changes):
    data = form_data(editor_client.get(change_url(recap)))
    data.update(changes)
    response = editor_client.post(change_url(recap), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    recap.refresh_from_db()
    return recap


def article(client, recap):
    html = client.get(recap.get_absolute_url()).text
    data = next(
        block
        for block in map(json.loads, re.findall(r'ld\+json">(.*?)</script>', html, re.S))
        if block["@type"] == "Article"
    )
    modified = re.search(r'"article:modified_time" content="([^"]+)"', html).group(1)
    return html, data, modified


def assert_not_updated(client, recap):
    html, data, modified = article(client, recap)
    assert "Updated" not in html
    assert data["dateModified"] == data["datePublished"] == recap.published_at.isoformat()
    assert modified == recap.published_at.isoformat()


def test_an_admin_save_that_changes_no_text_leaves_the_recap_not_updated(editor_client, recap):
    recap = edit_in_admin(editor_client, recap)
    assert recap.updated_at > recap.published_at
    assert recap.text_changed_at is None
    assert_not_updated(editor_client, recap)


@pytest.mark.parametrize(
    "changes",
    [
        {"subtitle": "A song in the storm"},
        {"body": "<p>What happened, told again.</p>"},
        {"verdict": "Loudly devastating."},
        {
            "meta_description": "A new summary of the episode: "
            + "long enough for live recaps. " * 2
        },
    ],
    ids=["headline", "body", "verdict", "summary"],
)
def test_a_text_change_after_publication_reads_updated_on_its_day(editor_client, recap, changes):
    recap = edit_in_admin(editor_client, recap, **changes)
    assert recap.text_changed_at is not None
    html, data, modified = article(editor_client, recap)
    today = dateformat.format(timezone.localtime(recap.text_changed_at), "F j, Y")
    assert f'Updated <time datetime="{recap.text_changed_at.isoformat()}">{today}</time>' in html
    assert data["dateModified"] == modified == recap.text_changed_at.isoformat()
    assert data["dateModified"] > data["datePublished"]


def test_a_change_of_status_or_tags_alone_is_not_a_text_change(editor_client, recap):
    recap = edit_in_admin(editor_client, recap, tags="rain, piano")
    assert recap.text_changed_at is None


def test_edits_before_publication_leave_no_updated_mark(client, soundtrack):
    recap = make_recap(make_episode(soundtrack, 5), published=False)
    recap.body = "<p>Rewritten while still a draft.</p>"
    recap.save()
    recap.status, recap.published_at = Recap.Status.PUBLISHED, timezone.now() + timedelta(days=1)
    recap.save()
    recap.subtitle = "Retitled while scheduled"
    recap.save()
    assert recap.text_changed_at is None
    Recap.objects.filter(pk=recap.pk).update(published_at=timezone.now() - timedelta(days=1))
    recap.refresh_from_db()
    assert_not_updated(client, recap)


def test_a_comment_leaves_the_recap_not_updated(client, recap):
    XtdComment.objects.create(
        content_object=recap,
        site_id=1,
        user_name="Priya",
        user_email="priya@example.com",
        comment="The piano scene got me.",
        submit_date=timezone.now(),
    )
    recap.refresh_from_db()
    assert recap.text_changed_at is None
    assert_not_updated(client, recap)


def test_a_bulk_update_leaves_the_recap_not_updated(client, recap):
    Recap.objects.filter(pk=recap.pk).update(
        body="<p>Changed behind the editors' backs.</p>", updated_at=timezone.now()
    )
    recap.refresh_from_db()
    assert recap.text_changed_at is None
    assert_not_updated(client, recap)


def test_a_save_naming_other_fields_ignores_unsaved_text(recap):
    recap.body = "<p>Not saved.</p>"
    recap.save(update_fields=["status"])
    recap.refresh_from_db()
    assert recap.text_changed_at is None
    recap.body = "<p>Saved this time.</p>"
    recap.save(update_fields=["body"])
    recap.refresh_from_db()
    assert recap.text_changed_at is not None
