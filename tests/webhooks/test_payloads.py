"""The payload of each event: the fields the content API has, times in UTC, nothing of an
unpublished recap but what identifies it, spoilers in comments hidden."""

from datetime import UTC, datetime

import pytest

from demo.factories import make_show
from tests.discussion.conftest import make_comment
from webhooks.models import TEST_EVENT, Event
from webhooks.payloads import loaded, payload

pytestmark = pytest.mark.django_db


def test_a_recap_is_what_the_content_api_answers_for_it(recap, client, settings):
    settings.FOLLOWS_SITE_URL = "http://testserver"
    recap.tags.add("k-drama")
    data = payload(Event.RECAP_PUBLISHED, loaded(Event.RECAP_PUBLISHED, recap.pk))
    assert data == client.get(f"/api/v1/recaps/{recap.slug}/").json()
    assert data["url"] == "http://testserver/recaps/soundtrack-2-episode-4/"
    assert data["episode"]["number"] == 4 and data["published_at"] == "2023-12-13T08:00:00Z"
    assert [tag["name"] for tag in data["tags"]] == ["k-drama"]


def test_an_unpublished_recap_says_only_which_it_was(recap):
    assert payload(Event.RECAP_UNPUBLISHED, recap) == {"id": recap.pk, "slug": recap.slug}


def test_a_comment_with_markup_and_a_spoiler(recap):
    comment = make_comment(
        recap,
        comment="<b>Wow</b> [spoiler]she leaves[/spoiler]",
        submit_date=datetime(2023, 12, 14, 1, 2, 3, tzinfo=UTC),
        user_name="Ji-woo",
    )
    data = payload(Event.COMMENT_APPROVED, loaded(Event.COMMENT_APPROVED, comment.pk))
    assert data["id"] == comment.pk and data["recap"]["slug"] == recap.slug
    assert data["author"] == "Ji-woo" and data["submitted_at"] == "2023-12-14T01:02:03Z"
    assert data["text"] == "<b>Wow</b> [spoiler hidden]"
    assert data["html"] == "&lt;b&gt;Wow&lt;/b&gt; [spoiler hidden]"
    assert "email" not in str(data)


def test_a_held_comment_is_no_payload(recap):
    held = make_comment(recap, status="held")
    assert loaded(Event.COMMENT_APPROVED, held.pk) is None


def test_a_show_without_a_known_schedule(db):
    show = make_show(premiere_date=None, time_zone="Europe/Berlin")
    data = payload(Event.SHOW_SCHEDULE_CHANGED, show)
    assert data["schedule"] is None and data["slug"] == show.slug


def test_the_test_event_and_an_unknown_one(recap):
    assert payload(TEST_EVENT, None)["test"] is True
    with pytest.raises(ValueError, match="No payload"):
        payload("recap.deleted", recap)
