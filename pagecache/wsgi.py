"""Stored pages answered before Django builds a request, for the readers an episode drop
brings: no cookies, a plain GET.

The page cache middleware still decides everything: what may be stored, under which key, with
which headers. This remembers, per process, the last answer it gave to such a request (status,
headers, bytes) and gives it again while it is what the middleware would give:
- the page has not expired, and no tag it shows was purged. A purge writes a new generation
  token (`pagecache.generation`); while the token is the one under which the page's tags were
  last checked, they stand, so a hit reads three keys of the cache instead of every tag;
- its lifetimes are the same (a scheduled publication coming closer shortens them).

Anything else (cookies, HEAD, conditional requests, other parameters, another encoding, a page
the middleware kept private) goes to Django, as every request did before."""

import threading
import time
from collections import OrderedDict, namedtuple

from django.conf import settings

from . import conf, freshness, generation, policy
from .decision import decision_of

# Pages (times their encodings) remembered per process: the spike is a handful of recaps.
MAX_ANSWERS = 256


Freshness = namedtuple("Freshness", "built_at expires tags kind")


class Answer:
    __slots__ = (
        "status",
        "headers",
        "body",
        "page",
        "lifetimes",
        "checked",
        "upcoming",
        "stale_at",
    )

    def __init__(self, status, headers, body, page, lifetimes):
        self.status = status
        self.headers = [
            (name, "hit" if name == "X-Page-Cache" else value) for name, value in headers
        ]
        self.body = body
        # What freshness needs of the stored page, without its content in three encodings.
        self.page = Freshness(page.built_at, page.expires, page.tags, page.kind)
        self.lifetimes = lifetimes
        # The generation token under which the page's tags were last found fresh, the next
        # publication known then, and when a purge already decided for one of its tags (a
        # future version) comes into force.
        self.checked = None
        self.upcoming = None
        self.stale_at = page.expires


class PageCacheApplication:
    def __init__(self, application):
        self.application = application
        self.answers = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        generation.watch.start()
        key = answer_key(environ)
        if key is None:
            return self.application(environ, start_response)
        answer = self.answers.get(key)
        if answer is not None and self.still_current(key, answer):
            start_response(answer.status, answer.headers)
            return [answer.body]
        return self.remember(key, environ, start_response)

    def remember(self, key, environ, start_response):
        given = {}

        def keep(status, headers, exc_info=None):
            given.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        response = self.application(environ, keep)
        decision = decision_of(response)
        page = decision.stored if decision is not None else None
        if (
            page is not None
            and given.get("status", "").startswith("200 ")
            and not any(name.lower() == "set-cookie" for name, _ in given["headers"])
        ):
            answer = Answer(
                given["status"], given["headers"], response.content, page, decision.lifetimes
            )
            with self.lock:
                self.answers[key] = answer
                self.answers.move_to_end(key)
                while len(self.answers) > MAX_ANSWERS:
                    self.answers.popitem(last=False)
        return response

    def still_current(self, key, answer):
        page, now = answer.page, time.time()
        # A page from the future (a clock set back) is as stale as one past its time.
        if not page.built_at <= now < page.expires:
            return self.forget(key)
        token = generation.watch.current()
        # With Redis, None is a token that cannot be known (Redis away), and so neither can the
        # purges since; in local memory, that no purge was made in this process yet.
        known = token is not None or not conf.is_shared()
        if now < answer.stale_at and known and token == answer.checked:
            # No purge since the last check, so no publication either (each purges "recaps"),
            # and the stored page expires before the next one that was known comes.
            lifetimes = policy.lifetimes(page.kind, now, answer.upcoming)
            return lifetimes == answer.lifetimes or self.forget(key)
        current = freshness.check(
            page.built_at, page.expires, page.tags, now, with_schedule=True, with_generation=True
        )
        if current is None or current.schedule is None:
            return self.forget(key)
        if policy.lifetimes(page.kind, now, current.schedule[1]) != answer.lifetimes:
            return self.forget(key)
        answer.checked = current.generation or generation.first_generation()
        answer.upcoming = current.schedule[1]
        answer.stale_at = min([page.expires, *(v for v in current.versions.values() if v > now)])
        return True

    def forget(self, key):
        with self.lock:
            self.answers.pop(key, None)
        return False


# What the middleware's key and answer are made of, as the WSGI server gives them: the same
# values here always meet the same answer from Django.
KEY_VARIABLES = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
    "HTTP_ACCEPT_ENCODING",
)
# Requests that Django may answer with a 304 or 412: left to it.
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def answer_key(environ):
    """The request's key among remembered answers, or None for a request this never answers.
    Only the raw values Django's answer depends on, so working it out costs next to nothing;
    Django checks the host, the parameters and the rest when it gives the answer remembered."""
    if environ.get("REQUEST_METHOD") != "GET" or "HTTP_COOKIE" in environ:
        return None
    if any(name in environ for name in CONDITIONAL_HEADERS) or not conf.enabled():
        return None
    return (*(environ.get(name) for name in request_variables()),)


def request_variables():
    """KEY_VARIABLES, and the proxy headers the settings make Django read."""
    variables = list(KEY_VARIABLES)
    if settings.SECURE_PROXY_SSL_HEADER:
        variables.append(settings.SECURE_PROXY_SSL_HEADER[0])
    if settings.USE_X_FORWARDED_HOST:
        variables.append("HTTP_X_FORWARDED_HOST")
    if settings.USE_X_FORWARDED_PORT:
        variables.append("HTTP_X_FORWARDED_PORT")
    return variables
