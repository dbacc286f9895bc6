"""Keys of other servers: fetched through core.fetch when unknown, kept, fetched once more when
a signature fails with the kept one (the actor changed its key), and a server that is down or
answers nonsense is a 401 for the post, never a 500."""

import json
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.utils import timezone

from fediverse.models import Follower, RemoteActor

from .conftest import MASTODON, public_pem, signed_by_bob

INBOX = "/ap/shows/soundtrack-2/inbox"


class ActorServer:
    """Serves one actor document at /users/bob; `document` may be changed between requests."""

    def __init__(self):
        server = self
        self.document = None
        self.requests = 0

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests += 1
                body = json.dumps(server.document).encode()
                self.send_response(200 if server.document else 404)
                self.send_header("Content-Type", "application/activity+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        Thread(target=self.http.serve_forever, daemon=True).start()

    def actor(self, pem):
        uri = f"{self.url}/users/bob"
        self.document = {
            "id": uri,
            "type": "Person",
            "preferredUsername": "bob",
            "inbox": f"{uri}/inbox",
            "endpoints": {"sharedInbox": f"{self.url}/inbox"},
            "publicKey": {"id": f"{uri}#main-key", "owner": uri, "publicKeyPem": pem},
        }
        return uri


@pytest.fixture
def actor_server(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    server = ActorServer()
    yield server
    server.http.shutdown()
    server.http.server_close()


def new_private_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def follow(client, uri, private_pem, number=1):
    body = json.dumps(
        {
            "id": f"{uri}#follows/{number}",
            "type": "Follow",
            "actor": uri,
            "object": "https://testserver/ap/shows/soundtrack-2",
        }
    ).encode()
    headers = signed_by_bob(INBOX, body, private_pem=private_pem)
    headers["HTTP_SIGNATURE"] = headers["HTTP_SIGNATURE"].replace(
        MASTODON["key_id"], f"{uri}#main-key"
    )
    return client.post(INBOX, body, content_type="application/activity+json", **headers)


def test_an_unknown_actor_s_key_is_fetched_and_kept(recap, client, actor_server):
    uri = actor_server.actor(public_pem(MASTODON["private_key_pem"]))

    assert follow(client, uri, MASTODON["private_key_pem"]).status_code == 202
    assert follow(client, uri, MASTODON["private_key_pem"], 2).status_code == 202
    assert actor_server.requests == 1
    assert Follower.objects.get().actor.shared_inbox == f"{actor_server.url}/inbox"


def test_a_rotated_key_is_fetched_once_more(recap, client, actor_server):
    uri = actor_server.actor(public_pem(MASTODON["private_key_pem"]))
    follow(client, uri, MASTODON["private_key_pem"])
    RemoteActor.objects.update(fetched_at=timezone.now() - timedelta(hours=1))
    rotated = new_private_pem()
    actor_server.actor(public_pem(rotated))

    assert follow(client, uri, rotated, 2).status_code == 202
    assert actor_server.requests == 2
    assert RemoteActor.objects.get().public_key_pem == public_pem(rotated)


def test_bad_signatures_do_not_make_the_site_fetch_again_and_again(recap, client, actor_server):
    uri = actor_server.actor(public_pem(MASTODON["private_key_pem"]))
    follow(client, uri, MASTODON["private_key_pem"])
    for number in range(2, 5):
        assert follow(client, uri, new_private_pem(), number).status_code == 401
    assert actor_server.requests == 1  # kept key fetched less than a minute ago


@pytest.mark.parametrize(
    "document",
    [
        None,
        {"id": "https://elsewhere.example/users/bob", "inbox": "https://e/inbox"},
        {"id": 5},
        {"id": "http://[::1", "inbox": "http://["},
        ["not", "an", "object"],
    ],
)
def test_an_actor_server_that_answers_nonsense_is_a_401(recap, client, actor_server, document):
    uri = actor_server.actor("not a key")
    actor_server.document = document
    assert follow(client, uri, MASTODON["private_key_pem"]).status_code == 401


def test_an_actor_server_that_is_down_is_a_401(recap, client, settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    uri = "http://127.0.0.1:9/users/bob"  # discard port: nothing listens
    assert follow(client, uri, MASTODON["private_key_pem"]).status_code == 401


def test_a_key_on_a_private_address_is_never_fetched(recap, client):
    uri = "http://10.0.0.7/users/bob"
    assert follow(client, uri, MASTODON["private_key_pem"]).status_code == 401
    assert not RemoteActor.objects.exists()
