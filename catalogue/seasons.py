"""A catalogue show's season as the values of one Episodic show and its episodes. Pure: plain
values in, plain values out, so the rules are tested without a database.

Catalogues keep seasons under one show; Episodic makes each season a show of its own that
follows the one before (shows.Show.follows). The schedule is the catalogue's own for the
season airing now; for the others, and where the catalogue has none (many streaming
releases), it is read from the episodes' air stamps in the show's zone."""

import html
from collections import Counter
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

import nh3

from shows.schedule import ReleaseSchedule, air_date, zone_info

#: The fields of a show a sync keeps in step with the catalogue (unless edited by hand).
SHOW_FIELDS = (
    "title",
    "native_title",
    "other_titles",
    "country",
    "synopsis",
    "premiere_date",
    "planned_episode_count",
    "release_weekdays",
    "release_time",
    "time_zone",
    "episodes_per_release",
    "all_at_once",
)
EPISODE_FIELDS = ("title", "air_date_override")
OTHER_TITLES_LENGTH = 300


@dataclass(frozen=True)
class EpisodeValues:
    id: str
    number: int
    values: dict


@dataclass(frozen=True)
class SeasonValues:
    number: int
    values: dict  # SHOW_FIELDS
    episodes: tuple[EpisodeValues, ...]


def season_title(show, number):
    """ "Squid Game" for its first season, "Squid Game season 2" after, or the season's name."""
    season = show.season(number)
    if season and season.name:
        return season.name
    if number == 1 or len(show.seasons) <= 1:
        return show.title
    return f"{show.title} season {number}"


def plain_text(markup):
    """The catalogue's summary HTML as the plain text Show.synopsis holds (escaped on output)."""
    return html.unescape(nh3.clean(markup.replace("</p>", "</p>\n"), tags=set())).strip()


def most_common(values, default):
    counted = Counter(values).most_common(1)
    return counted[0][0] if counted else default


def season_values(show, number):
    zone = show.time_zone if _known_zone(show.time_zone) else "UTC"
    episodes = sorted(show.episodes_of(number), key=lambda episode: episode.number)
    local = {e.number: e.airstamp.astimezone(ZoneInfo(zone)) for e in episodes if e.airstamp}
    per_day = Counter(moment.date() for moment in local.values())
    season = show.season(number)
    # The catalogue's schedule is the show's current one: it describes the latest season only.
    current = number == max((s.number for s in show.seasons), default=number)
    weekdays = show.weekdays if current and show.weekdays else _weekdays(per_day)
    release_time = show.release_time if current and show.release_time else None
    release_time = release_time or most_common(
        (time(m.hour, m.minute) for m in local.values()), None
    )
    premiere = (season and season.premiere) or min(per_day, default=None)
    planned = (season and season.episode_order) or len(episodes) or None
    values = {
        "title": season_title(show, number),
        "native_title": show.native_title,
        "other_titles": ", ".join(show.other_titles)[:OTHER_TITLES_LENGTH],
        "country": show.country,
        "synopsis": plain_text(show.synopsis_html),
        "premiere_date": premiere,
        "planned_episode_count": planned,
        "release_weekdays": list(weekdays),
        "release_time": release_time,
        "time_zone": zone,
        "episodes_per_release": most_common(per_day.values(), 1),
        "all_at_once": len(per_day) == 1 and len(local) > 1,
    }
    schedule = _schedule(values)
    return SeasonValues(
        number=number,
        values=values,
        episodes=tuple(
            EpisodeValues(
                id=episode.id,
                number=episode.number,
                values={
                    "title": episode.title,
                    "air_date_override": _override(
                        schedule, episode.number, local.get(episode.number)
                    ),
                },
            )
            for episode in episodes
        ),
    )


def _weekdays(per_day):
    return tuple(sorted({day.weekday() for day in per_day}))


def _known_zone(name):
    try:
        zone_info(name)
    except ValueError:
        return False
    return True


def _schedule(values):
    if values["premiere_date"] is None:
        return None
    return ReleaseSchedule(
        premiere=values["premiere_date"],
        weekdays=tuple(values["release_weekdays"]),
        episodes_per_release=values["episodes_per_release"],
        release_time=values["release_time"],
        time_zone=values["time_zone"],
        all_at_once=values["all_at_once"],
        episode_count=values["planned_episode_count"],
    )


def _override(schedule, number, moment) -> date | None:
    """The episode's own date when its air stamp falls on another day than the schedule gives
    (a delay, a special release day); None when the schedule says it right."""
    if moment is None:
        return None
    try:
        scheduled = air_date(schedule, number) if schedule else None
    except ValueError:
        scheduled = None
    return None if scheduled == moment.date() else moment.date()
