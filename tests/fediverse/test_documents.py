"""What other servers read: WebFinger, NodeInfo, a show's actor, outbox and followers, and the
recap's Article, each with the content types Mastodon asks for; drafts nowhere."""

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from model_bakery import baker

from fediverse.models import Follower, KeyPair

from .. import images

JRD = "application/jrd+json"


@pytest.fixture
def live_show(recap):
    return recap.episode.show


def test_webfinger_finds_a_show_by_its_handle(live_show, client):
    response = client.get("/.well-known/webfinger", {"resource": "acct:soundtrack-2@testserver"})

    assert response.status_code == 200
    assert response["Content-Type"] == JRD
    links = {link["rel"]: link for link in response.json()["links"]}
    assert links["self"] == {
        "rel": "self",
        "type": "application/activity+json",
        "href": "https://testserver/ap/shows/soundtrack-2",
    }
    assert response.json()["subject"] == "acct:soundtrack-2@testserver"


@pytest.mark.parametrize(
    ("resource", "status"),
    [
        ("", 400),
        ("mailto:someone@example.org", 400),
        ("acct:soundtrack-2@elsewhere.example", 404),
        ("acct:no-such-show@testserver", 404),
        ("acct:<script>@testserver", 404),
        ("acct:사운드트랙@testserver", 404),
        ("acct:" + "x" * 600 + "@testserver", 400),
    ],
)
def test_webfinger_refuses_what_it_cannot_answer(live_show, client, resource, status):
    response = client.get("/.well-known/webfinger", {"resource": resource})
    assert response.status_code == status
    assert "error" in response.json()


def test_a_show_with_drafts_only_is_nowhere(recap, client):
    recap.status = "draft"
    recap.save()
    assert (
        client.get(
            "/.well-known/webfinger", {"resource": "acct:soundtrack-2@testserver"}
        ).status_code
        == 404
    )
    for path in ("", "/outbox", "/followers"):
        assert client.get(f"/ap/shows/soundtrack-2{path}").status_code == 404
    assert client.get(f"/ap/recaps/{recap.pk}").status_code == 404


def test_the_actor_has_a_public_key_and_never_the_private_one(live_show, client):
    response = client.get("/ap/shows/soundtrack-2", HTTP_ACCEPT="application/activity+json")

    assert response["Content-Type"] == "application/activity+json; charset=utf-8"
    actor = response.json()
    pair = KeyPair.objects.get(owner=f"show-{live_show.pk}")
    assert actor["publicKey"] == {
        "id": "https://testserver/ap/shows/soundtrack-2#main-key",
        "owner": "https://testserver/ap/shows/soundtrack-2",
        "publicKeyPem": pair.public_key_pem,
    }
    assert "PRIVATE" not in response.content.decode()
    assert actor["preferredUsername"] == "soundtrack-2"
    assert actor["inbox"] == "https://testserver/ap/shows/soundtrack-2/inbox"
    assert actor["endpoints"] == {"sharedInbox": "https://testserver/ap/inbox"}


def test_the_actor_s_summary_is_the_show_s_facts_escaped(live_show, client, person):
    live_show.title = "Soundtrack <b>#2</b>"
    live_show.save()
    baker.make("people.Credit", show=live_show, person=person, role="lead", billing_order=1)
    actor = client.get("/ap/shows/soundtrack-2").json()

    assert actor["name"] == "Soundtrack <b>#2</b>"  # plain text: clients escape it
    assert "Geum Sae-rok" in actor["summary"]
    assert "<b>" not in actor["summary"] and "&lt;b&gt;" in actor["summary"]
    assert "Disney+" in actor["summary"]


def test_the_actor_s_icon_is_the_poster_rendition(live_show, client, media_root):
    live_show.poster.save("poster.png", ContentFile(images.png_bytes(600, 900)))
    icon = client.get("/ap/shows/soundtrack-2").json()["icon"]
    assert icon["type"] == "Image" and icon["mediaType"] == "image/jpeg"
    assert icon["url"].startswith("https://testserver/") and icon["url"].endswith(".jpg")


def test_ld_json_is_answered_as_ld_json(live_show, client):
    accept = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    response = client.get("/ap/shows/soundtrack-2", HTTP_ACCEPT=accept)
    assert response["Content-Type"] == f"{accept}; charset=utf-8"
    assert "Accept" in response["Vary"]


def test_a_browser_is_sent_to_the_show_s_page(live_show, client):
    response = client.get("/ap/shows/soundtrack-2", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/shows/soundtrack-2/"


def test_the_outbox_pages_the_published_recaps_creates(live_show, recap, client, editor):
    draft = baker.make(
        "recaps.Recap",
        episode=baker.make("shows.Episode", show=live_show, number=5),
        slug="draft",
        author=editor,
        status="draft",
    )
    outbox = client.get("/ap/shows/soundtrack-2/outbox").json()
    assert outbox["type"] == "OrderedCollection" and outbox["totalItems"] == 1
    page = client.get(outbox["first"].removeprefix("https://testserver")).json()

    assert page["type"] == "OrderedCollectionPage"
    [create] = page["orderedItems"]
    assert create["type"] == "Create" and create["object"]["id"].endswith(f"/ap/recaps/{recap.pk}")
    assert f"/ap/recaps/{draft.pk}" not in json.dumps(page)
    assert client.get("/ap/shows/soundtrack-2/outbox", {"page": "2"}).status_code == 404
    assert client.get("/ap/shows/soundtrack-2/outbox", {"page": "x"}).status_code == 404


def test_the_followers_collection_counts_them(live_show, bob, client):
    Follower.objects.create(show=live_show, actor=bob, follow_id=f"{bob.uri}#f")
    followers = client.get("/ap/shows/soundtrack-2/followers").json()
    assert followers["type"] == "OrderedCollection" and followers["totalItems"] == 1


def test_nodeinfo_is_discoverable_and_2_1(live_show, client):
    links = client.get("/.well-known/nodeinfo").json()["links"]
    assert links == [
        {
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": "https://testserver/nodeinfo/2.1",
        }
    ]
    response = client.get("/nodeinfo/2.1")
    document = response.json()
    assert "nodeinfo.diaspora.software/ns/schema/2.1" in response["Content-Type"]
    assert document["version"] == "2.1"
    assert document["protocols"] == ["activitypub"]
    assert document["software"]["name"] == "episodic"
    assert document["usage"] == {"users": {"total": 1}, "localPosts": 1}
    assert document["openRegistrations"] is False


def test_an_outbox_page_is_a_fixed_number_of_queries(
    live_show, editor, client, django_assert_max_num_queries
):
    """Budget: the show, the page's recaps with episode and show, their tags (one prefetch),
    the site settings the content's teaser reads, the count, and the session-free middleware's
    own reads; the same at 25 recaps as at 1."""
    for number in range(5, 30):
        recap = baker.make(
            "recaps.Recap",
            episode=baker.make("shows.Episode", show=live_show, number=number),
            slug=f"episode-{number}",
            author=editor,
            status="published",
            published_at=timezone.now() - timedelta(days=number),
        )
        recap.tags.add(f"tag-{number}", "k-drama")
    with django_assert_max_num_queries(8):
        page = client.get("/ap/shows/soundtrack-2/outbox", {"page": "1"}).json()
    assert len(page["orderedItems"]) == 20
