"""What a catalogue gives, whichever it is: plain values, no Django models. A provider module
(tvmaze.py) turns its answers into these; the rest of the app reads only these."""

from dataclasses import dataclass, field
from datetime import date, datetime, time


class CatalogueError(Exception):
    """The catalogue could not give what was asked; the message is for an editor."""


class Unavailable(CatalogueError):
    """Down, slow, refusing or rate limiting: worth trying again later."""


class BadAnswer(CatalogueError):
    """An answer that is not what the catalogue documents (malformed, too large, missing a
    fact we need, pointing where we do not fetch)."""


class NotFound(CatalogueError):
    """The catalogue has no such show."""


@dataclass(frozen=True)
class Found:
    """One search result."""

    id: str
    title: str
    poster_url: str
    platforms: tuple[str, ...]
    premiere_year: int | None
    episode_count: int | None
    url: str


@dataclass(frozen=True)
class Season:
    id: str
    number: int
    name: str
    premiere: date | None
    episode_order: int | None


@dataclass(frozen=True)
class Episode:
    id: str
    season: int
    number: int
    title: str
    airstamp: datetime | None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    photo_url: str


@dataclass(frozen=True)
class Credit:
    person: Person
    character: str


@dataclass(frozen=True)
class Show:
    id: str
    url: str
    title: str
    native_title: str
    other_titles: tuple[str, ...]
    country: str
    synopsis_html: str
    poster_url: str
    platforms: tuple[str, ...]
    time_zone: str
    weekdays: tuple[int, ...]  # the catalogue's current schedule, 0 = Monday; () when it has none
    release_time: time | None
    seasons: tuple[Season, ...]
    episodes: tuple[Episode, ...]
    credits: tuple[Credit, ...]  # in billing order
    updated: int = 0
    skipped: tuple[str, ...] = field(default=())  # what was left out, in words for an editor

    def season(self, number):
        return next((season for season in self.seasons if season.number == number), None)

    def episodes_of(self, number):
        return [episode for episode in self.episodes if episode.season == number]
