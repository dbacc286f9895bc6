"""The episode-drop night, for `manage.py bench_load` (run by it: `locust -f bench/locustfile.py
--headless`, never imported by Django). Readers browse home, a show hub, a recap, the next recap,
search and the feeds; commenters are readers who post a comment through the recap page's form on
every recap they read; one editor publishes a new recap through the admin and edits it, and
times how long each save takes to show on home, the hub and the feed.

Everything is written, one JSON line per request or event, to the file the plan names; the
command reads it (bench/load_report.py) once locust has stopped. The plan (a JSON file named by
$BENCH_LOAD_PLAN) holds what the command set up: the shows and recaps, the editor's login, the
origin (gunicorn, without nginx) and the number of commenters."""

import json
import os
import random
import re
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import requests
from locust import FastHttpUser, HttpUser, between, events, task

from bench.html_forms import form_action, form_fields, replace

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
RECORDS = Path(PLAN["records"]).open("a", buffering=1)
WAIT = between(*PLAN["wait"])
POLL_SECONDS = 0.2


def record(**fields):
    RECORDS.write(json.dumps(fields) + "\n")


@events.request.add_listener
def on_request(request_type, name, response_time, response, context, exception, **kw):
    status = getattr(response, "status_code", 0) or 0
    headers = getattr(response, "headers", None) or {}
    record(
        event="request",
        t=kw.get("start_time") or time.time() - response_time / 1000,
        kind=name,
        method=request_type,
        url=(context or {}).get("path", name),
        status=int(status),
        ms=round(response_time, 2),
        # Who answered: nginx's cache (HIT, STALE…) or the app, and the app's page cache.
        nginx=headers.get("X-Cache-Status"),
        app=headers.get("X-Page-Cache"),
    )


class Reader(FastHttpUser):
    """A reader on a drop night: home, a hub, a recap and the next one, now and then search
    and the feeds. No cookies, so nginx may answer from its cache, as it would for them."""

    weight = 1
    wait_time = WAIT
    commenter = False

    def get(self, kind, path):
        with self.client.get(
            path, name=kind, context={"path": path}, catch_response=True
        ) as response:
            response.success()  # the command counts statuses itself
            return response

    @task(4)
    def episode_night(self):
        self.get("home", "/")
        self.wait()
        show = random.choice(PLAN["shows"])
        self.get("hub", f"/shows/{show['slug']}/")
        self.wait()
        recaps = show["recaps"]
        n = random.randrange(len(recaps))
        page = self.get("recap", f"/recaps/{recaps[n]}/")
        if self.commenter:
            self.comment(page, f"/recaps/{recaps[n]}/")
        self.wait()
        if n + 1 < len(recaps):
            page = self.get("next recap", f"/recaps/{recaps[n + 1]}/")
            if self.commenter:
                self.comment(page, f"/recaps/{recaps[n + 1]}/")

    @task(1)
    def search(self):
        # Most searches are ones others made too; one in five is a query nobody made before.
        if random.random() < 0.2:
            q = f"{random.choice(PLAN['search_words'])}+{secrets.token_hex(3)}"
        else:
            q = random.choice(PLAN["search_words"])
        self.get("search", f"/search/?q={q}")

    @task(1)
    def feeds(self):
        if random.random() < 0.5:
            self.get("feed", "/feeds/rss/")
        else:
            self.get("feed", f"/feeds/shows/{random.choice(PLAN['shows'])['slug']}/rss/")

    def comment(self, page, path):
        """Post a comment through the page's form, as a browser would, after writing it for a
        few seconds (the form refuses comments sent sooner than it was served)."""
        if page.status_code != 200 or not page.text:
            # No form to write in: the reader could not even start a comment.
            record(event="comment_blocked", t=time.time(), status=page.status_code or 0)
            return
        action = form_action(page.text, "/comments/post")
        fields = form_fields(page.text, "/comments/post")
        if not action or not fields:
            return
        self.wait()
        time.sleep(random.uniform(3, 5))
        token = f"bl{secrets.token_hex(6)}"
        text = f"That ending was a gut punch and the music carried it. Ref {token}."
        data = replace(
            fields, name="Bench Reader", email=f"{token}@example.com", comment=text, honeypot=""
        )
        sent = time.time()
        with self.client.post(
            action,
            data=urlencode(data),
            name="comment",
            context={"path": action},
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # What a browser says of a form sent from the site's own page.
                "Sec-Fetch-Site": "same-origin",
                "Referer": self.host + path,
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            response.success()
            body = response.text or ""
            record(
                event="comment",
                t=sent,
                ms=round((time.time() - sent) * 1000, 2),
                token=token,
                status=response.status_code or 0,
                text_shown=token in body,
            )


class Commenter(Reader):
    """5 % of the readers: they comment on every recap they read."""

    weight = 0
    fixed_count = PLAN["commenters"]
    commenter = True


class Editor(HttpUser):
    """One editor: logs in to the admin, then every `PLAN["edit_every"]` seconds publishes a
    new recap and, half-way through, edits it; after each save, polls home, the hub and the
    feed (as a reader, without cookies) until the change is on them."""

    fixed_count = 1
    weight = 0
    wait_time = between(0, 0)

    def on_start(self):
        self.logged_in = False
        self.reader = requests.Session()
        self.episodes = list(PLAN["editor"]["episodes"])
        self.hub = f"/shows/{PLAN['editor']['show']}/"

    def admin(self, method, path, headers=None, **kwargs):
        # The site's session and CSRF cookies are `Secure` (production settings): a browser
        # gets them over HTTPS, which nginx terminates in production. The bench speaks plain
        # HTTP, so the editor sends them itself (the cookie jar keeps them, but would not).
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)
        response = self.client.request(
            method,
            path,
            name="admin",
            allow_redirects=False,
            catch_response=True,
            headers={**(headers or {}), **({"Cookie": cookie} if cookie else {})},
            **kwargs,
        )
        with response:
            response.success()
        return response

    def login(self):
        page = self.admin("GET", "/admin/login/")
        fields = form_fields(page.text, form_id="login-form")
        data = replace(fields, username=PLAN["editor"]["username"])
        data = replace(data, password=PLAN["editor"]["password"], next="/admin/")
        answer = self.admin("POST", "/admin/login/?next=/admin/", data=data)
        self.logged_in = answer.status_code == 302
        return self.logged_in

    @task
    def drop(self):
        every = PLAN["edit_every"]
        began = time.time()
        if self.logged_in or self.login():
            published = self.publish()
            self.sleep_until(began + every / 2)
            if published:
                self.edit(*published)
        self.sleep_until(began + every)

    def sleep_until(self, moment):
        time.sleep(max(0.0, moment - time.time()))

    def save(self, path, values, files=None):
        """GET the admin form at `path`, send it back with `values` changed; the answer."""
        page = self.admin("GET", path)
        if page.status_code != 200:
            if page.status_code == 302:
                self.logged_in = False
            return page
        fields = form_fields(page.text, form_id="recap_form")
        data = replace(fields, **values)
        return self.admin(
            "POST", path, data=data, files=files, headers={"Referer": self.host + path}
        )

    def publish(self):
        """A new recap of the next episode, published at once, with its hero still; the id."""
        if not self.episodes:
            return None
        token = f"drop{secrets.token_hex(4)}"
        now = datetime.now(UTC)
        with open(PLAN["still"], "rb") as still:
            answer = self.save(
                "/admin/recaps/recap/add/",
                {
                    "episode": str(self.episodes.pop(0)),
                    "subtitle": f"Tonight's drop {token}",
                    "slug": f"tonights-drop-{token}",
                    "author": str(PLAN["editor"]["user_id"]),
                    "intro": f"<p>The episode everyone waited for, {token}.</p>",
                    "body": "<p>" + "A long, careful paragraph about the episode. " * 40 + "</p>",
                    "review": "<p>The best hour of the season, and the quietest.</p>",
                    "verdict": "Worth the wait.",
                    "rating": "8",
                    "meta_description": "Tonight's episode finally delivers the confession "
                    "everyone waited for; our recap and review.",
                    "status": "published",
                    "published_at_0": now.strftime("%Y-%m-%d"),
                    "published_at_1": now.strftime("%H:%M:%S"),
                    "confirm_warnings": "on",
                    "stills-TOTAL_FORMS": "1",
                    "stills-0-alt_text": "The two leads on the rooftop at night",
                    "stills-0-section": "recap",
                    "stills-0-order": "0",
                    "stills-0-is_hero": "on",
                    "_continue": "Save and continue editing",
                },
                files={"stills-0-image": ("still.jpg", still, "image/jpeg")},
            )
        # The slug carries the token: home, the hub and the feed all link to the recap.
        self.saved("publish", token, answer, {"home": "/", "hub": self.hub, "feed": "/feeds/rss/"})
        match = re.search(r"/recap/(\d+)/change/", answer.headers.get("Location", ""))
        return (match.group(1), f"/recaps/tonights-drop-{token}/") if match else None

    def edit(self, recap_id, recap_page):
        """A new subtitle for the recap just published (the hub shows no subtitles: it is
        looked for on home, the feed and the recap's own page)."""
        token = f"edit{secrets.token_hex(4)}"
        path = f"/admin/recaps/recap/{recap_id}/change/"
        answer = self.save(
            path,
            {
                "subtitle": f"Tonight's drop, revised {token}",
                "confirm_warnings": "on",
                "_continue": "Save and continue editing",
            },
        )
        self.saved("edit", token, answer, {"home": "/", "feed": "/feeds/rss/", "recap": recap_page})

    def saved(self, event, token, answer, pages):
        """Record the save and, if the admin took it, how long `token` took to show."""
        moment = time.time()
        if answer.status_code == 200:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', answer.text, re.S)
            record(
                event="editor_error",
                t=moment,
                errors=[re.sub("<[^>]+>", " ", e) for e in errors][:5],
            )
        accepted = answer.status_code == 302 and "/change/" in answer.headers.get("Location", "")
        record(
            event=event,
            t=moment,
            token=token,
            status=answer.status_code,
            visible=self.visible(token, pages, moment) if accepted else {},
        )

    def visible(self, token, pages, saved):
        """Seconds from the save until `token` is on each of `pages`, read as a reader
        (no cookies) through nginx and from the app itself (gunicorn, its page cache); None
        for a page where it did not show in time."""
        where = {"nginx": self.host, "app": PLAN["origin"]}
        targets = {
            (side, page): base + path
            for side, base in where.items()
            for page, path in pages.items()
        }
        seen = {}
        deadline = saved + PLAN["visible_within"]
        while len(seen) < len(targets) and time.time() < deadline:
            for target, url in targets.items():
                if target in seen:
                    continue
                try:
                    body = self.reader.get(url, timeout=5).text
                except requests.RequestException:
                    continue
                if token in body:
                    seen[target] = round(time.time() - saved, 3)
            time.sleep(POLL_SECONDS)
        return {side: {page: seen.get((side, page)) for page in pages} for side in where}
