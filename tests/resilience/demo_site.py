"""The demo publication served by gunicorn, and a reader, an editor and a commenter talking
to it over HTTP, for tests that take a server away mid-test."""

import http.client
import re
import shutil
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest

from tests.servers import manage, site_environment

# Every kind of page a reader asks for, as paths into the demo content (`load_demo`).
READER_PAGES = {
    "home": "/",
    "hub": "/shows/soundtrack-2/",
    "recap": "/recaps/soundtrack-2-episode-4-recap-review/",
    "tag": "/tags/k-drama/",
    "search": "/search/?q=Hyeon-seo",
    "rss": "/feeds/rss/",
    "atom": "/feeds/atom/",
    "calendar": "/shows/soundtrack-2/calendar.ics",
    "sitemap": "/sitemap.xml",
}
RECAP = READER_PAGES["recap"]
TAG = READER_PAGES["tag"]
EDITOR = ("editor", "episodic-editor")
# Comments open on every recap, whenever published and however fast they are written.
OPEN_COMMENTS = (
    "from discussion.models import CommentSettings as S; S.objects.update_or_create("
    "pk=S.SINGLETON_PK, defaults={'close_after_days': 0, 'min_seconds': 0})"
)


def load_demo(env):
    manage(env, "load_demo", "--force", "-v", "0")
    manage(env, "shell", "-c", OPEN_COMMENTS)


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory, migrated_sqlite):
    """A folder with the demo's SQLite database and media, to copy."""
    directory = tmp_path_factory.mktemp("demo-sqlite")
    shutil.copy(migrated_sqlite, directory / "db.sqlite3")
    load_demo(site_environment(directory))
    return directory


@pytest.fixture(scope="session")
def demo_postgres(tmp_path_factory, own_postgres, migrated_postgres):
    """The demo's database in the tests' PostgreSQL cluster (its name, to copy) and media."""
    directory = tmp_path_factory.mktemp("demo-postgres")
    url = own_postgres.create_database(template=migrated_postgres)
    load_demo(site_environment(directory, DATABASE_URL=url))
    return url.rsplit("/", 1)[1], directory


@pytest.fixture
def demo_env(request, tmp_path):
    """The environment of a demo site of this test's own, on SQLite or (parametrized with
    "postgres") PostgreSQL."""
    if getattr(request, "param", "sqlite") == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        name, directory = request.getfixturevalue("demo_postgres")
        extra = {"DATABASE_URL": cluster.create_database(template=name)}
    else:
        directory = request.getfixturevalue("demo_sqlite")
        shutil.copy(directory / "db.sqlite3", tmp_path / "db.sqlite3")
        extra = {}
    shutil.copytree(directory / "media", tmp_path / "media")
    return site_environment(tmp_path, **extra)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def text(self):
        return self.body.decode(errors="replace")


class Client:
    """Requests to the site as one person: cookies kept, redirects not followed."""

    def __init__(self, base, timeout=40):
        self.base = base
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, data=None, headers=None):
        location = urlsplit(self.base)
        connection = http.client.HTTPConnection(
            location.hostname, location.port, timeout=self.timeout
        )
        headers = {"Host": location.netloc, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # Posts come from the site's own pages, as a browser says.
            headers.update(Origin=self.base, **{"Sec-Fetch-Site": "same-origin"})
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            # No answer at all (a worker killed for hanging): as bad as a 5xx, counted as 0.
            return Answer(0, http.client.HTTPMessage(), repr(error).encode(), self.timeout)
        finally:
            connection.close()
        seconds = time.monotonic() - started
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return Answer(response.status, response.headers, content, seconds)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


class FormParser(HTMLParser):
    """The fields of the forms in a page, as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": []})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"] if self.forms else None
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image"):
                fields.append(
                    [attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")]
                )
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]
            fields.append(self.textarea)
        elif tag == "select" and attrs.get("name"):
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def forms(html):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def form_with_action(html, action):
    for form in forms(html):
        if form["action"] == action:
            return dict(form["fields"])
    raise AssertionError(f"no form posting to {action}")


def post_comment(base, text):
    """A new reader's comment on the recap, as its form posts it: the form's answer."""
    reader = Client(base)
    page = reader.get(RECAP)
    if page.status != 200:
        return page
    fields = form_with_action(page.text, "/comments/post/")
    fields.update(name="Ji-woo", email="ji-woo@example.com", comment=text)
    return reader.post("/comments/post/", fields)


def log_in(base, credentials=EDITOR):
    """An editor's session: the login page's answer, the login's and the admin index's."""
    editor = Client(base)
    page = editor.get("/admin/login/")
    answers = [page]
    if page.status == 200:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        username, password = credentials
        answers.append(
            editor.post(
                "/admin/login/?next=/admin/",
                {
                    "csrfmiddlewaretoken": token,
                    "username": username,
                    "password": password,
                    "next": "/admin/",
                },
            )
        )
        answers.append(editor.get("/admin/"))
    return editor, answers


def rename_tag(editor, tag_id, name):
    """The editor renames a tag in its admin change form: the save's answer."""
    path = f"/admin/taggit/tag/{tag_id}/change/"
    page = editor.get(path)
    if page.status != 200:
        return page
    fields = forms(page.text)
    form = next(f for f in fields if f["action"] in ("", path) and "name" in dict(f["fields"]))
    data = [(key, value) for key, value in form["fields"] if key != "name"]
    data.append(("name", name))
    return editor.post(path, data)
