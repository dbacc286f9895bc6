import json
from email.utils import formatdate
from pathlib import Path

import pytest
from bovine.crypto.helper import content_digest_sha256
from bovine.crypto.http_signature import HttpSignature
from bovine.crypto.types import CryptographicSecret
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from fediverse.models import RemoteActor

FIXTURES = Path(__file__).parent / "fixtures"
#: Mastodon's recorded requests and the key that signed them (see the file's "source").
MASTODON = json.loads((FIXTURES / "mastodon_signature_verification.json").read_text())
BOB = MASTODON["actor"]
BOB_KEY = MASTODON["key_id"]


def public_pem(private_pem):
    key = serialization.load_pem_private_key(private_pem.encode(), None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


@pytest.fixture
def bob(db):
    """Mastodon's test actor, its key kept as if fetched a while ago."""
    return RemoteActor.objects.create(
        uri=BOB,
        domain="remote.domain",
        username="bob",
        inbox=f"{BOB}/inbox",
        shared_inbox="https://remote.domain/inbox",
        key_id=BOB_KEY,
        public_key_pem=public_pem(MASTODON["private_key_pem"]),
        fetched_at=timezone.now(),
    )


def signed_by_bob(path, body, date=None, host="testserver", private_pem=None):
    """Headers (as the test client takes them) of a POST signed with bob's key, as Mastodon
    signs: host, date, digest and (request-target)."""
    date = date or formatdate(usegmt=True)
    digest = content_digest_sha256(body, prefix="SHA-256")
    signature = (
        HttpSignature()
        .with_field("(request-target)", f"post {path}")
        .with_field("host", host)
        .with_field("date", date)
        .with_field("digest", digest)
        .sign_for_http_draft(
            CryptographicSecret.from_pem(BOB_KEY, private_pem or MASTODON["private_key_pem"])
        )
    )
    return {"HTTP_DATE": date, "HTTP_DIGEST": digest, "HTTP_SIGNATURE": signature}


@pytest.fixture
def post_as_bob(client):
    def post(path, activity, **options):
        body = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        return client.post(
            path,
            body,
            content_type="application/activity+json",
            **signed_by_bob(path, body, **options),
        )

    return post


def follow_of(show_slug, number=1, actor=BOB):
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor}#follows/{number}",
        "type": "Follow",
        "actor": actor,
        "object": f"https://testserver/ap/shows/{show_slug}",
    }


class Inbox:
    """An HTTP server on 127.0.0.1 that keeps every POST (path, headers, body) and answers
    `status`."""

    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        inbox = self
        self.received = []
        self.status = 202

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                inbox.received.append((self.path, dict(self.headers), body))
                self.send_response(inbox.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def inbox_server(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    server = Inbox()
    yield server
    server.close()
