"""A TVmaze of the tests' own on a free 127.0.0.1 port, answering in the shapes TVmaze's API
documentation gives (https://www.tvmaze.com/api): /search/shows, /shows/:id with embedded
episodes, cast and seasons, /shows/:id/akas, /seasons/:id/episodes, /updates/shows, and the
images the answers point at. Its shows are plain dicts a test edits (a delay, a new episode);
`fault` makes every API answer fail in one way."""

import io
import json
import threading
import time
from copy import deepcopy
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from PIL import Image

KOREA = {"name": "Korea, Republic of", "code": "KR", "timezone": "Asia/Seoul"}
US = {"name": "United States", "code": "US", "timezone": "America/New_York"}


def png(color, size=(60, 90)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def episode(episode_id, season, number, name, airstamp, kind="regular"):
    moment = datetime.fromisoformat(airstamp)
    return {
        "id": episode_id,
        "url": f"https://www.tvmaze.com/episodes/{episode_id}",
        "name": name,
        "season": season,
        "number": number,
        "type": kind,
        "airdate": moment.date().isoformat(),
        "airtime": "",
        "airstamp": airstamp,
        "runtime": 60,
        "rating": {"average": None},
        "image": None,
        "summary": None,
        "_links": {"self": {"href": f"/episodes/{episode_id}"}},
    }


def cast_member(person_id, name, character_id, character, photo=None):
    image = {"medium": photo, "original": photo} if photo else None
    return {
        "person": {
            "id": person_id,
            "url": f"https://www.tvmaze.com/people/{person_id}",
            "name": name,
            "country": None,
            "birthday": None,
            "gender": None,
            "image": image,
            "updated": 1700000000,
        },
        "character": {"id": character_id, "name": character, "image": None},
        "self": False,
        "voice": False,
    }


def season(season_id, number, order, premiere, name=""):
    return {
        "id": season_id,
        "url": f"https://www.tvmaze.com/seasons/{season_id}",
        "number": number,
        "name": name,
        "episodeOrder": order,
        "premiereDate": premiere,
        "endDate": None,
        "network": None,
        "webChannel": None,
        "image": None,
        "summary": "",
    }


def show(show_id, name, *, channel, schedule, seasons, episodes, cast, akas, premiered, image):
    network, web = (channel, None) if channel.get("kind") == "network" else (None, channel)
    return {
        "show": {
            "id": show_id,
            "url": f"https://www.tvmaze.com/shows/{show_id}/{name.lower().replace(' ', '-')}",
            "name": name,
            "type": "Scripted",
            "language": "Korean",
            "genres": ["Drama", "Music", "Romance"],
            "status": "Ended",
            "runtime": 60,
            "premiered": premiered,
            "ended": None,
            "schedule": schedule,
            "rating": {"average": 7.5},
            "network": {k: v for k, v in (network or {}).items() if k != "kind"} or None,
            "webChannel": {k: v for k, v in (web or {}).items() if k != "kind"} or None,
            "externals": {"tvrage": None, "thetvdb": None, "imdb": None},
            "image": {"medium": image, "original": image} if image else None,
            "summary": f"<p><b>{name}</b> is a test show &amp; its summary.</p>",
            "updated": 1700000000,
            "_links": {"self": {"href": f"/shows/{show_id}"}},
            "_embedded": {"episodes": episodes, "cast": cast, "seasons": seasons},
        },
        "akas": akas,
    }


def soundtrack_2(base):
    """Soundtrack #2, with the facts of the seed articles: six episodes on Disney+, two every
    Wednesday at 1:30 PM in Seoul from December 6, 2023."""
    stamps = ["2023-12-06", "2023-12-06", "2023-12-13", "2023-12-13", "2023-12-20", "2023-12-20"]
    return show(
        1001,
        "Soundtrack #2",
        channel={"kind": "web", "id": 287, "name": "Disney+", "country": KOREA},
        schedule={"time": "13:30", "days": ["Wednesday"]},
        seasons=[season(5001, 1, 6, "2023-12-06")],
        episodes=[
            episode(9000 + n, 1, n, f"Track {n}", f"{day}T04:30:00+00:00")
            for n, day in enumerate(stamps, start=1)
        ],
        cast=[
            cast_member(301, "Geum Sae-rok", 401, "Do Hyeon-seo", f"{base}/images/301.png"),
            cast_member(302, "Steve Noh", 402, "Han Su-ho", f"{base}/images/302.png"),
            cast_member(303, "Demian", 403, "K", None),
        ],
        akas=[
            {"name": "사운드트랙#2", "country": KOREA},
            {"name": "Soundtrack 2", "country": None},
        ],
        premiered="2023-12-06",
        image=f"{base}/images/poster-1001.png",
    )


def seasons_apart(base):
    """A show of three seasons on a US network, Fridays at 9 PM; the third has its own name."""
    episodes, next_id = [], 9100
    for number, (first_day, count) in enumerate(
        [("2021-01-08", 2), ("2022-01-07", 3), ("2023-01-06", 2)], start=1
    ):
        day = datetime.fromisoformat(f"{first_day}T21:00:00-05:00")
        for n in range(1, count + 1):
            stamp = (day + timedelta(weeks=n - 1)).isoformat()
            episodes.append(episode(next_id, number, n, f"S{number} part {n}", stamp))
            next_id += 1
    return show(
        1002,
        "Seasons Apart",
        channel={"kind": "network", "id": 3, "name": "ABC", "country": US},
        schedule={"time": "21:00", "days": ["Friday"]},
        seasons=[
            season(5101, 1, 2, "2021-01-08"),
            season(5102, 2, 3, "2022-01-07"),
            season(5103, 3, 2, "2023-01-06", name="Seasons Apart: The Final Chapter"),
        ],
        episodes=episodes,
        cast=[cast_member(311, "Ana Lead", 411, "Mara", None)],
        akas=[],
        premiered="2021-01-08",
        image=None,
    )


def big_show(base, show_id=1003, episodes=16, cast=30):
    """A weekly show of `episodes` episodes and `cast` credited people, each with a photo."""
    day = datetime.fromisoformat("2024-03-02T12:00:00+00:00")
    return show(
        show_id,
        f"Big Cast {show_id}",
        channel={"kind": "network", "id": 4, "name": "tvN", "country": KOREA},
        schedule={"time": "21:00", "days": ["Saturday"]},
        seasons=[season(show_id * 10, 1, episodes, "2024-03-02")],
        episodes=[
            episode(
                show_id * 100 + n, 1, n, f"Episode {n}", (day + timedelta(weeks=n - 1)).isoformat()
            )
            for n in range(1, episodes + 1)
        ],
        cast=[
            cast_member(
                show_id * 1000 + n,
                f"Actor {show_id}-{n}",
                n,
                f"Role {n}",
                f"{base}/images/p{n}.png",
            )
            for n in range(1, cast + 1)
        ],
        akas=[],
        premiered="2024-03-02",
        image=f"{base}/images/poster-{show_id}.png",
    )


class FakeTVmaze:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.reset()

    def reset(self):
        self.shows = {s["show"]["id"]: s for s in (soundtrack_2(self.url), seasons_apart(self.url))}
        self.updates = {}
        self.fault = None
        self.requests = []
        self.images = {}

    def add(self, entry):
        self.shows[entry["show"]["id"]] = entry

    def touch(self, show_id):
        """The catalogue changed the show: /updates/shows says so."""
        data = self.shows[show_id]["show"]
        data["updated"] += 1
        self.updates[str(show_id)] = data["updated"]

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path, query):
        if path == "/search/shows":
            wanted = query.get("q", [""])[0].casefold()
            return [
                {"score": 0.9, "show": {k: v for k, v in s["show"].items() if k != "_embedded"}}
                for s in self.shows.values()
                if wanted in s["show"]["name"].casefold()
            ]
        if path == "/updates/shows":
            return {str(k): s["show"]["updated"] for k, s in self.shows.items()} | self.updates
        parts = path.strip("/").split("/")
        if parts[0] == "shows" and len(parts) >= 2 and parts[1].isdigit():
            entry = self.shows.get(int(parts[1]))
            if entry is None:
                return None
            if parts[2:] == ["akas"]:
                return entry["akas"]
            return deepcopy(entry["show"])
        if parts[0] == "seasons" and parts[2:] == ["episodes"]:
            for entry in self.shows.values():
                for s in entry["show"]["_embedded"]["seasons"]:
                    if str(s["id"]) == parts[1]:
                        return [
                            e
                            for e in entry["show"]["_embedded"]["episodes"]
                            if e["season"] == s["number"]
                        ]
        return None

    def handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                fake.requests.append(self.path)
                if parts.path.startswith("/images/"):
                    body = fake.images.get(parts.path) or png((200, 40, 90))
                    return self.send(200, body, "image/png")
                if fake.fault:
                    return self.failing(fake.fault)
                found = fake.answer(parts.path, parse_qs(parts.query))
                if found is None:
                    return self.send(404, b'{"name":"Not Found","status":404}')
                self.send(200, json.dumps(found).encode())

            def failing(self, fault):
                if fault == "down":
                    self.connection.close()
                    return None
                if fault == "slow":
                    time.sleep(3)
                    return self.send(200, b"[]")
                if fault == "malformed":
                    return self.send(200, b'{"id": 1, "name": ')
                if fault == "wrong shape":
                    return self.send(200, b'{"id": "not a number", "_embedded": 3}')
                if fault == "huge":
                    return self.send(200, b"[" + b'"x",' * 2_000_000 + b'"x"]')
                self.send_response(int(fault))
                if int(fault) == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None

            def send(self, status, body, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the slow answer's test)

        return Handler
