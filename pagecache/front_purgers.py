"""Purging the caches in front of the app (a CDN, Varnish, nginx) by tag, through one
configurable purger (`PAGE_CACHE_PURGER`): none by default; `HttpPurger` sends BAN or PURGE requests
to Varnish or nginx; `ApiPurger` posts the tags to a CDN's purge API (Cloudflare's shape)."""

import json
import logging
import re
import urllib.request
from datetime import timedelta
from functools import cache as memoize

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5


class NoPurger:
    """Nothing in front of the app, or only caches that expire by themselves."""

    def purge(self, tags):
        pass


class HttpPurger:
    """Varnish (`method="BAN"`): one request per server, whose `X-Purge-Tags` header is a
    regular expression matching the responses' `Cache-Tag`, for a VCL such as
    `ban("obj.http.Cache-Tag ~ " + req.http.X-Purge-Tags)`. nginx with the cache-purge module
    (`method="PURGE"`): one request per page that a tag names (a recap, a hub, a person, a
    tag page, the home page); lists that merely show a recap expire by themselves."""

    def __init__(self, servers, method="BAN"):
        self.servers = [server.rstrip("/") for server in servers]
        self.method = method.upper()

    def purge(self, tags):
        tags = sorted(tags)
        if self.method == "BAN":
            pattern = "(^|,)(" + "|".join(re.escape(tag) for tag in tags) + ")(,|$)"
            requests = [(server + "/", {"X-Purge-Tags": pattern}) for server in self.servers]
        else:
            requests = [(server + path, {}) for server in self.servers for path in paths_of(tags)]
        for url, headers in requests:
            send(urllib.request.Request(url, method=self.method, headers=headers))


class ApiPurger:
    """A CDN's purge-by-tag API: `POST url` with `{"tags": [...]}` and a bearer token, at most
    `batch` tags a request (Cloudflare's /zones/<zone>/purge_cache takes 30)."""

    def __init__(self, url, token="", batch=30):
        self.url = url
        self.token = token
        self.batch = int(batch)

    def purge(self, tags):
        tags = sorted(tags)
        for start in range(0, len(tags), self.batch):
            body = json.dumps({"tags": tags[start : start + self.batch]}).encode()
            headers = {"Content-Type": "application/json"}
            if self.token:
                headers["Authorization"] = f"Bearer {self.token}"
            send(urllib.request.Request(self.url, data=body, method="POST", headers=headers))


def send(request):
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        response.read()


def paths_of(tags):
    """The pages that tags name by themselves (for purgers that purge addresses): the app
    that routes reader pages knows them (`PAGE_CACHE_PATHS`)."""
    return import_string(settings.PAGE_CACHE_PATHS)(tags)


@memoize
def purger():
    config = settings.PAGE_CACHE_PURGER
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


@task
def purge_front_caches(tags):
    try:
        purger().purge(tags)
    except OSError as error:
        # The front caches still expire by themselves; the operator sees why they lagged.
        logger.warning("Purging %s at the front caches failed: %s", ", ".join(tags), error)


def purge_later(tags, delay=0):
    """Hand the purge to the task worker: a slow CDN never holds up an editor's save."""
    if isinstance(purger(), NoPurger):
        return
    tags = sorted(tags)
    chosen = purge_front_caches
    if delay and chosen.get_backend().supports_defer:
        chosen = chosen.using(run_after=timezone.now() + timedelta(seconds=delay))
    chosen.enqueue(tags)
