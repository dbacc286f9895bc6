"""A server on 127.0.0.1 for core.fetch's tests: it answers by path (an image, redirects, a
missing page, answers too large or too slow, silence) and keeps every request it gets."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from core import fetch

MAX = 10_000


class Recorder(BaseHTTPRequestHandler):
    """Answers by path; every request it gets is kept in `server.seen`."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.seen.append({"path": self.path, **dict(self.headers.items())})
        path, _, query = self.path.partition("?")
        if path == "/image":
            self.answer(200, b"GIF89a pixels", [("Content-Type", "image/gif")])
        elif path == "/redirect":
            self.answer(302, b"", [("Location", query)])
        elif path == "/loop":
            self.answer(302, b"", [("Location", "/loop")])
        elif path == "/missing":
            self.answer(404, b"not here")
        elif path == "/large":
            self.answer(200, b"x" * (MAX + 1))
        elif path == "/large-no-length":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x" * 1_000)
        elif path == "/trickle":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/silent":
            time.sleep(5)
        else:
            self.answer(200, b"hello")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append({"path": self.path, "body": body, **dict(self.headers.items())})
        if self.path == "/redirect":
            self.answer(307, b"", [("Location", "/elsewhere")])
        else:
            self.answer(202, b"taken")

    def answer(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    server.seen = []
    # A short poll: shutdown() waits for it.
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def trusted_fetch(server, path, **options):
    return fetch.fetch(server.url + path, max_bytes=MAX, trusted_origins=[server.url], **options)


def start_closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
