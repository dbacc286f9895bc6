"""Webhooks are received by a real HTTP server of the tests' own on 127.0.0.1 (so the tests
allow private addresses, as an operator with a receiver on their own network would); it keeps
every request and answers by path: /ok, /fail (500), /gone (410), /moved (a redirect),
/accepted (202), /slow (answers after the delivery's time limit)."""

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from tests.servers import serving
from webhooks.models import Endpoint, Event

SLOW_SECONDS = 2


class Receiver(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append(
            {"path": self.path, "headers": dict(self.headers.items()), "body": body}
        )
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        status = {"/fail": 500, "/gone": 410, "/moved": 302, "/accepted": 202}.get(self.path, 200)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture(scope="session")
def receiver_server():
    with serving(Receiver) as server:
        yield server


@pytest.fixture
def receiver(receiver_server, settings):
    """The receiver, emptied; its `url(path)`, its `received` requests, `messages()` their
    parsed bodies. Private addresses are allowed and attempts end after half a second."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.5
    settings.FOLLOWS_SITE_URL = "https://recaps.example"
    receiver_server.received.clear()
    port = receiver_server.server_address[1]
    receiver_server.url = lambda path="/ok": f"http://127.0.0.1:{port}{path}"
    receiver_server.messages = lambda: [json.loads(r["body"]) for r in receiver_server.received]
    return receiver_server


def make_endpoint(url, events=tuple(Event.values), **fields):
    return Endpoint.objects.create(url=url, events=list(events), **fields)
