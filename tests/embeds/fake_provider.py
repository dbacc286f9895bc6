"""A fake oEmbed provider on 127.0.0.1: every provider's endpoint points at `/oembed`, which
answers what the test put in `answers` for the `url` asked about (status, body, delay), and
`/thumbnails/<name>` serves the images in `files`. `asked` records each question."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from embeds.providers import all_providers
from tests import images

YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
YOUTUBE_PLAYER = "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed"


@dataclass
class Reply:
    body: bytes
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0


@dataclass
class FakeProvider:
    server: ThreadingHTTPServer
    answers: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    asked: list = field(default_factory=list)

    @property
    def base(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, url, reply=None, **data):
        """Answer `url` with `reply`, or with a video's oEmbed JSON updated with `data`."""
        if reply is None:
            data = {
                "type": "video",
                "version": "1.0",
                "title": "Official Trailer",
                "author_name": "The Network",
                "provider_name": "YouTube",
                "width": 640,
                "height": 360,
                "html": f'<iframe width="640" height="360" src="{YOUTUBE_PLAYER}"></iframe>',
                "thumbnail_url": f"{self.base}/thumbnails/trailer.jpg",
                **data,
            }
            reply = Reply(json.dumps(data).encode())
        self.answers[url] = reply

    def reset(self):
        self.answers.clear()
        self.asked.clear()
        self.files.clear()
        self.files["trailer.jpg"] = Reply(images.jpeg_bytes(480, 360), content_type="image/jpeg")


def start():
    fake = FakeProvider(server=None)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            if parts.path == "/oembed":
                url = parse_qs(parts.query).get("url", [""])[0]
                fake.asked.append(url)
                reply = fake.answers.get(url) or Reply(b"not found", status=404)
            else:
                reply = fake.files.get(parts.path.rsplit("/", 1)[-1]) or Reply(b"", status=404)
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass  # the client gave up (a timeout test)

    fake.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.server.daemon_threads = True
    threading.Thread(target=fake.server.serve_forever, daemon=True).start()
    fake.reset()
    return fake


def point_providers_at(settings, fake):
    """Every provider's endpoint on the fake server, and its thumbnails fetchable there."""
    settings.EMBEDS_OEMBED_ENDPOINTS = {p.name: f"{fake.base}/oembed" for p in all_providers()}
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.EMBEDS_INSTAGRAM_ACCESS_TOKEN = "test-token"
