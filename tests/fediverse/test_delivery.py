"""A recap going live reaches its show's followers as a signed Create (shared inboxes once and
first), an edit as Update, taking it down as Delete; failed deliveries are tried again later."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from model_bakery import baker

from fediverse import delivery, signatures, tasks
from fediverse.keys import key_pair
from fediverse.models import BlockedDomain, Delivery, Follower, RemoteActor


def remote(server, name, shared=True):
    return RemoteActor.objects.create(
        uri=f"{server.url}/users/{name}",
        domain=server.url.split("//")[1],
        username=name,
        inbox=f"{server.url}/users/{name}/inbox",
        shared_inbox=f"{server.url}/inbox" if shared else "",
        fetched_at=timezone.now(),
    )


@pytest.fixture
def followers(recap, inbox_server):
    show = recap.episode.show
    for name, shared in (("ana", True), ("ben", True), ("cy", False)):
        Follower.objects.create(
            show=show, actor=remote(inbox_server, name, shared), follow_id=f"{name}#f"
        )
    return show


@pytest.fixture
def new_recap(followers, editor, django_capture_on_commit_callbacks):
    """Episode 5 going live now, with tags and a spoiler-free intro and lead still."""

    def publish(**fields):
        episode = baker.make("shows.Episode", show=followers, number=5)
        with django_capture_on_commit_callbacks(execute=True):
            recap = baker.make(
                "recaps.Recap",
                episode=episode,
                subtitle="Everyone finds out",
                slug="soundtrack-2-episode-5",
                author=editor,
                intro="<p>Where we left off.</p>",
                body="<p>The twist.</p>",
                status="published",
                published_at=timezone.now(),
                **fields,
            )
        return recap

    return publish


def received_activity(inbox_server, path="/inbox"):
    [(got_path, headers, body)] = [r for r in inbox_server.received if r[0] == path]
    return headers, json.loads(body), body


def test_a_live_recap_reaches_each_inbox_once_shared_ones_first(new_recap, inbox_server):
    recap = new_recap()

    paths = [path for path, _, _ in inbox_server.received]
    assert sorted(paths) == ["/inbox", "/users/cy/inbox"]  # ana and ben share one inbox
    rows = list(Delivery.objects.order_by("pk").values_list("inbox", "status", "attempts"))
    assert rows == [
        (f"{inbox_server.url}/inbox", "sent", 1),
        (f"{inbox_server.url}/users/cy/inbox", "sent", 1),
    ]
    assert Delivery.objects.filter(recap=recap, kind="Create").count() == 2


def test_the_create_is_signed_by_the_show_and_verifies(new_recap, inbox_server):
    recap = new_recap()
    headers, activity, body = received_activity(inbox_server)
    show_actor = "https://testserver/ap/shows/soundtrack-2"

    assert headers["Content-Type"] == "application/activity+json"
    pem = key_pair(f"show-{recap.episode.show_id}").public_key_pem
    owner = signatures.verify(
        "POST",
        f"{inbox_server.url}/inbox",
        {name.lower(): value for name, value in headers.items()},
        body,
        lambda key_id, refresh: (pem, show_actor),
    )
    assert owner == show_actor
    assert activity["actor"] == show_actor


def test_the_article_carries_the_spoiler_warning_and_no_spoilers(new_recap, inbox_server):
    recap = new_recap()
    recap.tags.add("K-drama")
    _, activity, _ = received_activity(inbox_server)
    article = activity["object"]

    assert activity["type"] == "Create"
    assert article["type"] == "Article"
    assert article["summary"] == "Spoilers for Soundtrack #2, episode 5"
    assert article["sensitive"] is True
    assert "Everyone finds out" not in json.dumps(activity)  # the subtitle may spoil
    assert "twist" not in json.dumps(activity)
    assert article["name"] == "Soundtrack #2, episode 5: the recap is up"
    assert "Our recap and review of Soundtrack #2 episode 5" in article["content"]
    assert article["url"] == "https://testserver/recaps/soundtrack-2-episode-5/"
    assert article["to"] == ["https://www.w3.org/ns/activitystreams#Public"]


def test_a_spoiler_free_intro_and_its_still_and_tags_go_along(
    new_recap, inbox_server, media_root, png_upload
):
    recap = new_recap(intro_spoiler_free=True)
    baker.make(
        "recaps.Still",
        recap=recap,
        image=png_upload,
        alt_text="Two singers at a piano",
        is_hero=True,
    )
    recap.tags.add("K-drama", "soundtrack_music")
    inbox_server.received.clear()
    article = documents_article(recap)

    assert "Where we left off." in article["content"]
    [image] = article["attachment"]
    assert image["type"] == "Image" and image["name"] == "Two singers at a piano"
    assert {tag["name"] for tag in article["tag"]} == {"#KDrama", "#SoundtrackMusic"}
    assert all(tag["type"] == "Hashtag" for tag in article["tag"])


def documents_article(recap):
    from fediverse import documents

    return documents.article(recap)


def test_an_edit_sends_update_and_taking_it_down_sends_delete(
    new_recap, inbox_server, django_capture_on_commit_callbacks
):
    recap = new_recap()
    inbox_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recap.intro = "<p>Fixed a typo.</p>"
        recap.save()
    _, update, _ = received_activity(inbox_server)
    assert update["type"] == "Update" and update["object"]["type"] == "Article"

    inbox_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recap.status = "draft"
        recap.save()
    _, delete, _ = received_activity(inbox_server)
    assert delete["type"] == "Delete"
    assert delete["object"] == {
        "id": f"https://testserver/ap/recaps/{recap.pk}",
        "type": "Tombstone",
        "formerType": "Article",
    }


def test_a_scheduled_recap_is_announced_when_its_time_comes(
    followers, editor, inbox_server, django_capture_on_commit_callbacks
):
    import time_machine

    goes_live = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        recap = baker.make(
            "recaps.Recap",
            episode=baker.make("shows.Episode", show=followers, number=6),
            slug="later",
            author=editor,
            status="published",
            published_at=goes_live,
        )
    assert inbox_server.received == []  # the test backend cannot wait: nothing yet
    tasks.announce_recap.call(recap.pk, "Create", goes_live.isoformat())
    assert inbox_server.received == []  # queued early: not live yet

    with (
        time_machine.travel(goes_live + timedelta(seconds=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        stale = (goes_live - timedelta(hours=1)).isoformat()
        assert tasks.announce_recap.call(recap.pk, "Create", stale) == 0  # rescheduled since
        assert tasks.announce_recap.call(recap.pk, "Create", goes_live.isoformat()) == 2
    assert len(inbox_server.received) == 2


def test_an_archive_recap_is_not_news(
    followers, editor, inbox_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        baker.make(
            "recaps.Recap",
            episode=baker.make("shows.Episode", show=followers, number=6),
            slug="old",
            author=editor,
            status="published",
            published_at=timezone.now() - timedelta(days=30),
        )
    assert not Delivery.objects.exists()


def test_a_failed_delivery_is_tried_again_later_then_given_up(new_recap, inbox_server, settings):
    inbox_server.status = 503
    settings.FEDIVERSE_MAX_ATTEMPTS = 3
    new_recap()
    row = Delivery.objects.get(inbox=f"{inbox_server.url}/inbox")
    assert (row.status, row.attempts) == ("queued", 1)
    assert "503" in row.last_error

    assert delivery.attempt(row.pk) is not None  # a later moment to try again
    assert delivery.attempt(row.pk) is None
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", 3)


def test_a_refusal_is_final(new_recap, inbox_server):
    inbox_server.status = 410
    new_recap()
    assert set(Delivery.objects.values_list("status", "attempts")) == {("failed", 1)}


def test_nothing_goes_to_a_blocked_domain(new_recap, inbox_server):
    BlockedDomain.objects.create(domain="127.0.0.1")
    new_recap()
    assert inbox_server.received == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}


def test_retry_delays_double():
    assert [delivery.retry_delay(n) for n in (1, 2, 3)] == [60, 120, 240]


def test_deleting_a_live_recap_sends_delete(
    new_recap, inbox_server, django_capture_on_commit_callbacks
):
    recap = new_recap()
    pk = recap.pk
    inbox_server.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        recap.delete()
    _, delete, _ = received_activity(inbox_server)
    assert delete["type"] == "Delete"
    assert delete["object"]["id"] == f"https://testserver/ap/recaps/{pk}"
    assert Delivery.objects.filter(kind="Delete", status="sent").count() == 2
