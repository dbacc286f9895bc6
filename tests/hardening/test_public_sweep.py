"""The reader's forms (comment, reply, spoiler mark, rating, theme, search, follow) with every field
replaced in turn by each hostile value, or left out: never a server error, and a refused post
stores nothing."""

import time
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django_comments_xtd.models import XtdComment

from follows.models import Follow
from ratings.models import EpisodeVote

from .sweep import HOSTILE, MISSING, Tally

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


class PageForms(HTMLParser):
    """Every form of a page: its method, action and what a browser would post."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attrs.get("action", ""), "data": {}})
        elif not self.forms:
            return
        data = self.forms[-1]["data"]
        name = attrs.get("name")
        if tag in {"input", "button"} and name:
            kind = attrs.get("type", "text" if tag == "input" else "submit").lower()
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            data.setdefault(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in attrs or self._select not in data:
                data[self._select] = attrs.get("value", "")

    def handle_data(self, text):
        if self._textarea:
            self.forms[-1]["data"][self._textarea] += text

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_forms(client, url):
    parser = PageForms()
    parser.feed(client.get(url).content.decode())
    return [form for form in parser.forms if form["action"].startswith("/")]


def stored():
    return XtdComment.objects.count(), EpisodeVote.objects.count(), Follow.objects.count()


def test_every_reader_form_with_every_hostile_value(client, site_content):
    from discussion.models import CommentSettings

    # Every post comes from one address: the per-minute limits would answer 429 to the rest.
    CommentSettings.objects.update(rate_per_minute=0, min_seconds=0)
    cache.clear()
    recap = site_content
    tally = Tally()
    started = time.monotonic()
    pages = [
        recap.get_absolute_url(),
        recap.episode.show.get_absolute_url(),
        "/",
        f"/comments/reply/{recap.comment.pk}/",
    ]
    seen = set()
    for url in pages:
        for form in page_forms(client, url):
            key = (form["action"].split("?")[0], tuple(sorted(form["data"])))
            if key in seen:
                continue
            seen.add(key)
            tally.forms += 1
            for name in form["data"]:
                if name == "csrfmiddlewaretoken":
                    continue
                tally.fields += 1
                for hostile, value in {**HOSTILE, MISSING: None}.items():
                    data = {k: v for k, v in form["data"].items() if k != name}
                    if value is not None:
                        data[name] = value
                    before = stored()
                    where = f"{form['method'].upper()} {form['action']} {name!r} = {hostile}"
                    send = client.post if form["method"] == "post" else client.get
                    response = tally.submit(send, form["action"], data, where, **SAME_ORIGIN)
                    if response is None:
                        continue
                    if response.status_code >= 400 and stored() != before:
                        tally.problems.append(f"{where}: refused, but something was stored")
    summary = tally.record("public forms sweep", time.monotonic() - started)
    assert not tally.server_errors, summary + "\n" + "\n".join(tally.server_errors[:10])
    assert not tally.problems, summary + "\n" + "\n".join(tally.problems[:20])
    assert tally.forms >= 5, summary  # comment (and reply), mark, rating, theme, search
