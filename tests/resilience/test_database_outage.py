"""The database away (stopped, restarted, out of connections, hung) behind gunicorn: every page
the page cache has stored is served stale, everything else is a branded 503 with Retry-After,
never a 500, and a form sent meanwhile comes back with what the person typed in it.

PostgreSQL is a cluster of the tests' own (`postgres_cluster`), loaded with the demo once per
session and copied for each test."""

import http.cookiejar
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlencode

import psycopg
import pytest

from tests.servers import Gunicorn, manage, query, site_environment, wait_until

RECAP = "/recaps/soundtrack-2-episode-4-recap-review/"
WARMED = ["/", RECAP, "/shows/soundtrack-2/", "/tags/k-drama/", "/feeds/rss/"]
NEVER_STORED = ["/recaps/soundtrack-2-episode-3-recap-review/", "/shows/", "/people/"]
EDITOR_PASSWORD = "correct horse battery staple"
EDITED_SUBTITLE = "Edited While Readers Were Reading"
TYPED = 'I <b>loved</b> the rain scene & the "song" </textarea><script>alert(1)</script>'


@pytest.fixture(scope="session")
def demo_postgres(own_postgres, migrated_postgres, tmp_path_factory):
    """A migrated database in the tests' cluster holding the demo publication (and an editor),
    to copy; its name and media folder."""
    directory = tmp_path_factory.mktemp("demo-postgres")
    url = own_postgres.create_database("demo", template=migrated_postgres)
    env = site_environment(directory, DATABASE_URL=url)
    manage(env, "load_demo", "--force", "-v", "0")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('chief', 'chief@example.com', {EDITOR_PASSWORD!r}); "
        "from discussion.models import CommentSettings as S; S.objects.update_or_create("
        "pk=S.SINGLETON_PK, defaults={'min_seconds': 0, 'rate_per_minute': 100, "
        "'close_after_days': 0}); "
        "from sitesettings.models import SiteSettings; SiteSettings.objects.get_or_create(pk=1)",
    )
    return "demo", directory / "media"


@pytest.fixture
def demo_env(postgres_cluster, demo_postgres, site_env):
    name, media = demo_postgres
    if not postgres_cluster.running:
        postgres_cluster.start()
    url = postgres_cluster.create_database(template=name)
    return {
        **site_env,
        "DATABASE_URL": url,
        "EPISODIC_MEDIA_ROOT": str(media),
        # A hung database costs a request two seconds, not the default (forever).
        "DJANGO_DB_CONNECT_TIMEOUT": "2",
        # Pages outlive their freshness within the test.
        "EPISODIC_PAGE_CACHE_SECONDS": "2",
        "EPISODIC_PAGE_CACHE_LOCAL_SECONDS": "2",
    }


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


def test_a_stopped_database_serves_stored_pages_stale_and_loses_no_comment(
    launch, tmp_path, demo_env, postgres_cluster, redis_server
):
    env = {**demo_env, "REDIS_URL": redis_server.url}
    server = launch(Gunicorn(tmp_path, env, workers=2))
    reader, editor = Browser(server.url), Browser(server.url)
    stored = warm(reader, WARMED)
    editor.log_in()
    recap_pk = query(
        env["DATABASE_URL"], "SELECT id FROM recaps_recap WHERE slug = %s", RECAP.split("/")[2]
    )[0][0]
    status, _, change_form = editor.open(f"/admin/recaps/recap/{recap_pk}/change/")
    assert status == 200
    form = comment_form(stored[RECAP])
    # An edit the readers have not seen yet: purged, and then the database goes away.
    manage(
        env,
        "shell",
        "-c",
        f"from recaps.models import Recap; r = Recap.objects.get(pk={recap_pk}); "
        f"r.subtitle = {EDITED_SUBTITLE!r}; r.save()",
    )
    time.sleep(2.1)
    postgres_cluster.stop()

    for path, body in stored.items():
        assert_stale(reader, path, body)
    for path in NEVER_STORED:
        assert_branded_503(*reader.open(path))
    for path in ("/admin/login/", "/admin/", f"/admin/recaps/recap/{recap_pk}/change/"):
        assert_branded_503(*editor.open(path))
    # The login form itself needs no database (the site's settings are cached); signing in does.
    newcomer = Browser(server.url)
    status, _, page = newcomer.open("/admin/login/")
    assert status in (200, 503), page[:300]
    if status == 200:
        sent = {"csrfmiddlewaretoken": forms_in(page)[-1]["csrfmiddlewaretoken"]}
        status, headers, page = newcomer.open(
            "/admin/login/", {**sent, "username": "chief", "password": EDITOR_PASSWORD}
        )
        assert_branded_503(status, headers, page)
        assert b'value="chief"' in page and EDITOR_PASSWORD.encode() not in page

    typed = {**form, "comment": TYPED, "name": "Rain & <Co>", "email": "reader@example.com"}
    status, headers, page = reader.open("/comments/post/", typed)
    assert_branded_503(status, headers, page)
    assert b"Nothing was stored" in page
    assert b"<script>alert(1)</script>" not in page
    again = next(form for form in forms_in(page) if form["_action"] == "/comments/post/")
    assert again["comment"] == TYPED and again["name"] == "Rain & <Co>"

    status, headers, page = reader.open(f"/ratings/episodes/{recap_pk}/", {"score": "9"})
    assert_branded_503(status, headers, page)
    assert any(form.get("score") == "9" for form in forms_in(page))

    postgres_cluster.start()
    status, _, _ = reader.open(
        "/comments/post/", {key: value for key, value in again.items() if key != "_action"}
    )
    assert status in (302, 303)
    assert stored_comments(env, TYPED) == 1
    for path in ("/", RECAP):
        wait_until(
            lambda p=path: EDITED_SUBTITLE.encode() in reader.open(p)[2],
            10,
            f"{path} shows the edit",
        )
    assert editor.open(f"/admin/recaps/recap/{recap_pk}/change/")[0] == 200


def test_an_admin_save_during_an_outage_is_shown_again_to_send_once_it_is_back(
    launch, tmp_path, demo_env, postgres_cluster
):
    server = launch(Gunicorn(tmp_path, demo_env))
    editor = Browser(server.url)
    editor.log_in()
    address = "/admin/sitesettings/sitesettings/1/change/"
    status, _, page = editor.open(address)
    assert status == 200
    change = next(form for form in forms_in(page) if "site_name" in form)
    del change["_action"]
    postgres_cluster.stop()

    tagline = "Recaps <em>& more</em> \u2014 \u0441\u0435\u0440\u0438\u0430\u043b\u044b"
    status, headers, page = editor.open(address, {**change, "tagline": tagline, "_save": "Save"})
    assert_branded_503(status, headers, page)
    assert b"Nothing was stored" in page and b"<em>& more" not in page
    again = next(form for form in forms_in(page) if "site_name" in form)
    assert again.pop("_action") == address
    assert again["tagline"] == tagline and again["_save"] == "Save"

    postgres_cluster.start()
    status, _, page = editor.open(address, again)
    assert status == 302, re.findall(r"errorlist.{0,300}|errornote.{0,300}", page.decode(), re.S)
    saved = query(demo_env["DATABASE_URL"], "SELECT tagline FROM sitesettings_sitesettings")
    assert saved == [(tagline,)]


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


@pytest.mark.parametrize("fault", ["stopped", "crashed", "restarted"])
def test_readers_get_no_500_while_the_database_stops_crashes_or_restarts(
    launch, tmp_path, demo_env, postgres_cluster, fault
):
    """The issue's run: gunicorn, 2 workers, the page cache in local memory, four readers
    browsing while PostgreSQL is stopped for ten seconds (or crashes, or restarts)."""
    server = launch(Gunicorn(tmp_path, demo_env, workers=2))
    if fault == "stopped":
        fault_run(server, "stopped 10 s", postgres_cluster.stop, postgres_cluster.start)
    elif fault == "crashed":
        crash = lambda: postgres_cluster.stop("immediate")  # noqa: E731
        fault_run(server, "crashed 5 s", crash, postgres_cluster.start, seconds=5)
    else:
        fault_run(server, "restarted", postgres_cluster.restart, lambda: None, seconds=2)


class ConnectionHog:
    """Takes every connection the server has (and each one freed) until stopped, as the rest
    of a fleet of app servers would."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.held = []
        self.refusals = 0
        self.stopped = threading.Event()
        self.thread = None

    def start(self):
        self.stopped.clear()
        self.thread = threading.Thread(target=self.take)
        self.thread.start()
        wait_until(lambda: self.refusals, 10, "the server refusing connections")

    def take(self):
        while not self.stopped.is_set():
            try:
                self.held.append(psycopg.connect(self.cluster.url(), connect_timeout=5))
            except psycopg.OperationalError as error:
                assert "too many clients" in str(error)
                self.refusals += 1
                time.sleep(0.02)

    def stop(self):
        self.stopped.set()
        if self.thread:
            self.thread.join(30)
        for connection in self.held:
            connection.close()
        self.held.clear()
        self.refusals = 0


def test_a_database_out_of_connections_serves_stale_then_recovers(
    launch, tmp_path, demo_env, postgres_cluster
):
    # A connection per request, as a site with many workers behind a small server ends up.
    server = launch(Gunicorn(tmp_path, {**demo_env, "DJANGO_CONN_MAX_AGE": "0"}))
    reader = Browser(server.url)
    stored = warm(reader, [RECAP])
    postgres_cluster.restart(max_connections=5)
    hog = ConnectionHog(postgres_cluster)
    try:
        hog.start()
        time.sleep(2.1)
        assert_stale(reader, RECAP, stored[RECAP])
        assert_branded_503(*reader.open(NEVER_STORED[0]))
        hog.stop()
        assert reader.open(NEVER_STORED[0])[0] == 200
        fault_run(server, "out of connections", hog.start, hog.stop, seconds=5)
    finally:
        hog.stop()
        postgres_cluster.restart()
    assert "too many clients" in (tmp_path / "gunicorn.log").read_text()


def test_a_hung_database_costs_a_request_its_connect_timeout_then_a_stale_page_or_503(
    launch, tmp_path, demo_env, postgres_cluster
):
    server = launch(Gunicorn(tmp_path, {**demo_env, "DJANGO_CONN_MAX_AGE": "0"}))
    reader = Browser(server.url)
    stored = warm(reader, [RECAP])
    time.sleep(2.1)
    postgres_cluster.freeze()
    try:
        started = time.monotonic()
        assert_stale(reader, RECAP, stored[RECAP])
        assert_branded_503(*reader.open(NEVER_STORED[0]))
        assert time.monotonic() - started < 10
    finally:
        postgres_cluster.thaw()
    assert reader.open(NEVER_STORED[0])[0] == 200
    # One warning while it is away, one when it is back: not a traceback per request.
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("The database is unavailable") == 1, log
    assert log.count("The database is back") == 1, log
    assert "Traceback" not in log
