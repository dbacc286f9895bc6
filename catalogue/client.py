"""Asking a catalogue politely: every call through core.fetch (the base URL is the operator's
and trusted, loopback included), a User-Agent naming the site (core.fetch's), a time limit, at
most the calls the catalogue allows in its window, waiting out a 429 as its Retry-After says,
and answers kept for a while so a search refined letter by letter asks once per query."""

import hashlib
import json
import threading
import time
from collections import Counter, deque

from django.conf import settings
from django.core.cache import cache
from django.template.defaultfilters import filesizeformat

from core import fetch

from .providers.base import BadAnswer, NotFound, Unavailable

#: Calls made, by kind ("api", "image"): what `add_show` and `sync_catalogue` report.
calls = Counter()


class CallWindow:
    """At most `limit()` calls in any `seconds`: a caller waits until the oldest call has left
    the window. One per process and catalogue; the catalogue counts per address, and a site
    runs few processes that call it (the worker, an editor's request)."""

    def __init__(self, limit, seconds):
        self.limit, self.seconds = limit, seconds
        self.stamps = deque()
        self.lock = threading.Lock()

    def wait_turn(self):
        with self.lock:
            now = time.monotonic()
            while self.stamps and now - self.stamps[0] >= self.seconds:
                self.stamps.popleft()
            while len(self.stamps) >= self.limit():
                time.sleep(max(self.seconds - (now - self.stamps[0]), 0))
                now = time.monotonic()
                self.stamps.popleft()
            self.stamps.append(now)


def retry_after(headers, default):
    """Seconds a 429 asks us to wait (Retry-After in seconds; TVmaze sends none, so `default`)."""
    value = str(headers.get("Retry-After", "")).strip()
    return float(value) if value.isdigit() else default


class ApiClient:
    def __init__(self, name, base_url, window):
        self.name, self.base_url, self.window = name, base_url.rstrip("/"), window

    def get_json(self, path, *, keep_seconds=0):
        """The JSON answer to GET `path`, or a CatalogueError saying in words what went wrong."""
        key = "catalogue:" + hashlib.sha256(f"{self.base_url}{path}".encode()).hexdigest()
        if keep_seconds:
            kept = cache.get(key)
            if kept is not None:
                return kept
        body = self.get(path)
        try:
            answer = json.loads(body)
        except ValueError as error:
            raise BadAnswer(f"{self.name} answered with something that is not JSON.") from error
        if keep_seconds:
            cache.set(key, answer, keep_seconds)
        return answer

    def get(self, path):
        url = self.base_url + path
        attempts = settings.CATALOGUE_RATE_LIMIT_RETRIES + 1
        for attempt in range(attempts):
            self.window.wait_turn()
            calls["api"] += 1
            try:
                return fetch.fetch(
                    url,
                    max_bytes=settings.CATALOGUE_MAX_ANSWER_BYTES,
                    origins=[self.base_url],
                    trusted_origins=[self.base_url],
                    accept="application/json",
                    connect_timeout=settings.CATALOGUE_TIMEOUT,
                    total_timeout=settings.CATALOGUE_TIMEOUT,
                ).body
            except fetch.BadStatus as error:
                if error.status == 429 and attempt + 1 < attempts:
                    time.sleep(retry_after(error.headers, settings.CATALOGUE_RATE_LIMIT_WAIT))
                    continue
                raise self.refused(error) from error
            except fetch.TooLarge as error:
                limit = filesizeformat(settings.CATALOGUE_MAX_ANSWER_BYTES)
                raise BadAnswer(f"{self.name}'s answer was larger than {limit}.") from error
            except fetch.TimedOut as error:
                raise Unavailable(
                    f"{self.name} did not answer within {settings.CATALOGUE_TIMEOUT:g} seconds; "
                    "try again later."
                ) from error
            except fetch.FetchError as error:
                raise Unavailable(f"{self.name} could not be reached; try again later.") from error
        raise AssertionError("unreachable")  # pragma: no cover

    def refused(self, error):
        if error.status == 404:
            return NotFound(f"{self.name} has no such show.")
        if error.status == 429:
            return Unavailable(
                f"{self.name} asks us to slow down (too many requests); try again in a minute."
            )
        if error.status >= 500:
            return Unavailable(
                f"{self.name} is having trouble (it answered {error.status}); try again later."
            )
        return BadAnswer(f"{self.name} refused the request (it answered {error.status}).")
