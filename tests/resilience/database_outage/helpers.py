"""What the database outage tests share: the demo pages they read, a reader's browser (cookies,
no redirects followed, forms read out of pages), readers browsing through a fault and
counting what they got, and the checks of a stale page and a branded 503."""

import http.cookiejar
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlencode

from tests.servers import query

RECAP = "/recaps/soundtrack-2-episode-4-recap-review/"


WARMED = ["/", RECAP, "/shows/soundtrack-2/", "/tags/k-drama/", "/feeds/rss/"]


NEVER_STORED = ["/recaps/soundtrack-2-episode-3-recap-review/", "/shows/", "/people/"]


EDITOR_PASSWORD = "correct horse battery staple"


EDITED_SUBTITLE = "Edited While Readers Were Reading"


TYPED = 'I <b>loved</b> the rain scene & the "song" </textarea><script>alert(1)</script>'


class Browser:
    """A reader (or an editor) with cookies, who sees redirects rather than following them."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirects
        )

    def open(self, path, data=None, headers=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Origin": self.base, "Sec-Fetch-Site": "same-origin", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def cookie(self, name):
        return next((cookie.value for cookie in self.jar if cookie.name == name), None)

    def log_in(self):
        status, _, page = self.open("/admin/login/")
        assert status == 200, page[:500]
        token = forms_in(page)[-1]["csrfmiddlewaretoken"]
        status, _, page = self.open(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": "chief", "password": EDITOR_PASSWORD},
        )
        assert status == 302, page[:2000]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormReader(HTMLParser):
    """Every form's action and fields as they would be sent (textareas with their text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"_action": attrs.get("action", "")})
        elif tag == "input" and self.forms and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            if attrs.get("type") in ("submit", "button"):
                return
            self.forms[-1][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and self.forms:
            self.textarea = attrs.get("name")
            self.forms[-1][self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            text = self.forms[-1][self.textarea] + data
            # As browsers do: the line break that opens a textarea is not its text.
            if not self.forms[-1][self.textarea] and text[:1] == "\n":
                text = text[1:]
            self.forms[-1][self.textarea] = text

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None


def forms_in(page):
    reader = FormReader()
    reader.feed(page.decode())
    return reader.forms


def comment_form(page):
    return next(form for form in forms_in(page) if form["_action"] == "/comments/post/")


def stored_comments(env, text):
    return query(
        env["DATABASE_URL"], "SELECT count(*) FROM django_comments WHERE comment = %s", text
    )[0][0]


def warm(browser, paths):
    """Each page built and stored: its bytes as the page cache gives them."""
    stored = {}
    for path in paths:
        browser.open(path)
        status, headers, body = browser.open(path)
        assert (status, headers.get("X-Page-Cache")) == (200, "hit"), path
        stored[path] = body
    return stored


def assert_branded_503(status, headers, body):
    assert status == 503, body[:300]
    assert int(headers["Retry-After"]) > 0
    assert b"Episodic" in body and b"site.css" in body
    assert b"Traceback" not in body and b"Server Error" not in body


def assert_stale(browser, path, body):
    status, headers, again = browser.open(path)
    assert (status, headers.get("X-Page-Cache")) == (200, "stale"), (path, again[:300])
    assert again == body, path
    assert int(headers["Age"]) >= 2


class Readers:
    """`count` readers browsing `paths` in turn until stopped; each answer's status (and
    whether it was stale) counted under the phase the test is in."""

    def __init__(self, base, paths, count=4):
        self.base, self.paths = base, paths
        self.phase = "before"
        self.statuses = {}
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self.browse, args=(n,)) for n in range(count)]

    def browse(self, n):
        browser = Browser(self.base)
        turn = n
        while not self.stopped.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            # A query the page cache answers and never stores: a page no cache holds.
            path = path.replace("{turn}", str(turn))
            status, headers, body = browser.open(path)
            phase = self.phase
            if status == 503:
                assert_branded_503(status, headers, body)
            answer = f"{status} {headers.get('X-Page-Cache', '')}".strip()
            with self.lock:
                self.statuses.setdefault(phase, Counter())[answer] += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(60)

    def count(self, phase, status):
        return sum(
            n for answer, n in self.statuses.get(phase, {}).items() if answer.startswith(status)
        )


def fault_run(server, name, fault, back, seconds=10):
    """Readers browse stored and never-stored pages before, during and after `fault()`; the
    statuses per phase."""
    # Built and stored first (in each worker, most likely): a loaded machine builds pages slowly.
    primer = Browser(server.url)
    for _ in range(4):
        for path in WARMED:
            assert primer.open(path)[0] == 200
    with Readers(server.url, [*WARMED, "/?from={turn}"]) as readers:
        time.sleep(3)
        readers.phase = "during"
        fault()
        time.sleep(seconds)
        readers.phase = "recovering"
        back()
        time.sleep(1)
        readers.phase = "after"
        time.sleep(3)
    summary = {phase: dict(counter) for phase, counter in readers.statuses.items()}
    sys.stdout.write(f"\n{name}: {summary}\n")
    assert not any(readers.count(phase, "500") for phase in summary), summary
    if seconds > 2:
        assert readers.count("during", "200 stale") > 0, summary
        assert readers.count("during", "503") > 0, summary
    assert {answer[:3] for answer in summary["after"]} == {"200"}, summary
    return readers
