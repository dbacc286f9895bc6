"""TVmaze (https://www.tvmaze.com/api): public, keyless, 20 calls per 10 seconds per address.
Its data is licensed CC BY-SA: pages showing it credit TVmaze (the show facts' source line).

Read from its documented shapes: `/search/shows?q=`, `/shows/:id?embed[]=episodes&embed[]=cast
&embed[]=seasons`, `/shows/:id/akas`, `/updates/shows`. A show's zone is its network's or web
channel's country's; `airstamp` is the moment in UTC."""

from contextlib import contextmanager
from datetime import date, datetime, time
from urllib.parse import quote

from django.conf import settings

from ..client import ApiClient, CallWindow
from .base import BadAnswer, Credit, Episode, Found, Person, Season, Show

NAME = "TVmaze"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: Seconds a search's or a show's answer is kept (an editor refining a search, then confirming).
SEARCH_KEPT = 600
SHOW_KEPT = 300

# TVmaze allows 20 calls per 10 seconds (tests allow more).
_window = CallWindow(limit=lambda: settings.CATALOGUE_TVMAZE_CALLS_PER_10_SECONDS, seconds=10)


@contextmanager
def documented_shape(what):
    """Any answer not in the documented shape becomes one BadAnswer naming what was read."""
    try:
        yield
    except BadAnswer:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise BadAnswer(
            f"{NAME}'s answer about {what} is not in the shape it documents."
        ) from error


class TVmaze:
    name = NAME
    key = "tvmaze"

    def __init__(self, base_url=None):
        self.client = ApiClient(NAME, base_url or settings.CATALOGUE_TVMAZE_URL, _window)

    def image_origins(self):
        """Where posters and photos may come from, and the origins trusted though not public
        (the test server's, only when tests turn CATALOGUE_TRUST_TEST_IMAGES on)."""
        origins = list(settings.CATALOGUE_TVMAZE_IMAGE_ORIGINS)
        if settings.CATALOGUE_TRUST_TEST_IMAGES:
            return [*origins, self.client.base_url], [self.client.base_url]
        return origins, []

    def reference(self, *parts):
        """A row's catalogue id: `TVmaze:<show>:<season>` for a season, `TVmaze:<id>` else."""
        return ":".join([NAME, *map(str, parts)])

    def show_id_of(self, reference):
        """The TVmaze show id in a season's reference, or None for another catalogue's."""
        prefix, _, rest = reference.partition(":")
        return rest.split(":")[0] if prefix == NAME and rest else None

    def search(self, query):
        answer = self.client.get_json(f"/search/shows?q={quote(query)}", keep_seconds=SEARCH_KEPT)
        with documented_shape("the search"):
            return [self.found(item["show"]) for item in answer]

    def found(self, show):
        premiered = show.get("premiered")
        return Found(
            id=str(int(show["id"])),
            title=str(show["name"]),
            poster_url=image_url(show, "medium"),
            platforms=platforms(show),
            premiere_year=int(premiered[:4]) if premiered else None,
            episode_count=None,
            url=str(show.get("url") or ""),
        )

    def show(self, show_id, fresh=False):
        """The show with its seasons, episodes, cast and other titles; `fresh` asks again
        rather than taking the answer kept between an editor's preview and confirmation."""
        show_id = int(show_id)
        kept = 0 if fresh else SHOW_KEPT
        answer = self.client.get_json(
            f"/shows/{show_id}?embed[]=episodes&embed[]=cast&embed[]=seasons", keep_seconds=kept
        )
        akas = self.client.get_json(f"/shows/{show_id}/akas", keep_seconds=kept)
        with documented_shape(f"show {show_id}"):
            return self.parse_show(answer, akas)

    def parse_show(self, show, akas):
        channel = show.get("network") or show.get("webChannel") or {}
        country = channel.get("country") or {}
        schedule = show.get("schedule") or {}
        embedded = show["_embedded"]
        title = fitted(show["name"])
        native = [
            aka["name"]
            for aka in akas
            if (aka.get("country") or {}).get("code") == country.get("code") and country
        ]
        others = [aka["name"] for aka in akas if aka["name"] not in (title, *native[:1])]
        episodes, skipped = parse_episodes(embedded.get("episodes") or [])
        return Show(
            id=str(int(show["id"])),
            url=str(show.get("url") or ""),
            title=title,
            native_title=fitted(native[0]) if native else "",
            other_titles=tuple(dict.fromkeys(map(str, others))),
            country=str(country.get("name") or ""),
            synopsis_html=str(show.get("summary") or ""),
            poster_url=image_url(show, "original"),
            platforms=platforms(show),
            time_zone=str(country.get("timezone") or "UTC"),
            weekdays=tuple(sorted(WEEKDAYS.index(day) for day in schedule.get("days") or [])),
            release_time=time.fromisoformat(schedule["time"]) if schedule.get("time") else None,
            seasons=tuple(parse_season(season) for season in embedded.get("seasons") or []),
            episodes=episodes,
            credits=tuple(parse_credit(credit) for credit in embedded.get("cast") or []),
            updated=int(show.get("updated") or 0),
            skipped=skipped,
        )

    def episode_count(self, show_id):
        """How many episodes the show has, from the answer `show` reads and keeps."""
        answer = self.client.get_json(
            f"/shows/{int(show_id)}?embed[]=episodes&embed[]=cast&embed[]=seasons",
            keep_seconds=SHOW_KEPT,
        )
        with documented_shape(f"show {show_id}"):
            return len(answer["_embedded"]["episodes"])

    def updates(self):
        """{show id: when it last changed (Unix time)} for every show in the catalogue."""
        answer = self.client.get_json("/updates/shows")
        with documented_shape("updated shows"):
            return {str(int(key)): int(value) for key, value in answer.items()}


def fitted(value, length=200):
    """A name as our fields hold it (200 characters): a longer one is cut, not refused."""
    return str(value)[:length]


def image_url(item, size):
    image = item.get("image") or {}
    return str(image.get(size) or image.get("original") or "")


def platforms(show):
    return tuple(
        str(channel["name"])
        for channel in (show.get("network"), show.get("webChannel"))
        if channel and channel.get("name")
    )


def parse_season(season):
    premiere = season.get("premiereDate")
    return Season(
        id=str(int(season["id"])),
        number=int(season["number"]),
        name=fitted(season.get("name") or ""),
        premiere=date.fromisoformat(premiere) if premiere else None,
        episode_order=int(season["episodeOrder"]) if season.get("episodeOrder") else None,
    )


def parse_episodes(items):
    """The numbered episodes, and what was left out. A special (TVmaze gives it no number) is
    left out and said; a regular episode without a number is an answer we cannot use."""
    episodes, skipped = [], []
    for item in items:
        if item.get("number") is None:
            if item.get("type", "regular") == "regular":
                raise BadAnswer(
                    f"{NAME} lists an episode of season {item.get('season')} without a number "
                    f"(“{item.get('name') or 'untitled'}”); nothing was stored."
                )
            skipped.append(f"the special “{item.get('name') or 'untitled'}”")
            continue
        stamp = item.get("airstamp")
        episodes.append(
            Episode(
                id=str(int(item["id"])),
                season=int(item["season"]),
                number=int(item["number"]),
                title=fitted(item.get("name") or ""),
                airstamp=datetime.fromisoformat(stamp) if stamp else None,
            )
        )
    return tuple(episodes), tuple(skipped)


def parse_credit(credit):
    person = credit["person"]
    character = credit.get("character") or {}
    return Credit(
        person=Person(
            id=str(int(person["id"])),
            name=fitted(person["name"]),
            photo_url=image_url(person, "medium"),
        ),
        character=fitted(character.get("name") or ""),
    )
