"""When a show's episodes come out, worked out from its release pattern.

Pure functions over a frozen ``ReleaseSchedule`` so that models, feeds and the
fact sentences all agree on the same dates without touching the database.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class ReleaseSchedule:
    premiere: date
    weekdays: tuple[int, ...] = ()
    episodes_per_release: int = 1
    release_time: time | None = None
    time_zone: str = "UTC"
    all_at_once: bool = False
    episode_count: int | None = None

    def __post_init__(self):
        # Models hand over the JSON list from WeekdaysField; a tuple keeps the
        # schedule hashable and immutable.
        object.__setattr__(self, "weekdays", tuple(self.weekdays))
        if any(not isinstance(day, int) or not 0 <= day <= 6 for day in self.weekdays):
            raise ValueError(f"Weekdays must be 0 (Monday) to 6 (Sunday), got {self.weekdays}.")
        if self.episodes_per_release < 1:
            raise ValueError("A release holds at least one episode.")
        if self.episode_count is not None and self.episode_count < 1:
            raise ValueError("A show with a known episode count has at least one episode.")
        zone_info(self.time_zone)


@dataclass(frozen=True)
class Release:
    date: date
    first_episode: int
    last_episode: int


def zone_info(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        # ZoneInfoNotFoundError is a KeyError; callers expect bad input to be a ValueError.
        raise ValueError(f"Unknown time zone: {name!r}.") from None


def _release_weekdays(schedule: ReleaseSchedule) -> tuple[int, ...]:
    return schedule.weekdays or (schedule.premiere.weekday(),)


def _release_count(schedule: ReleaseSchedule) -> int | None:
    if schedule.episode_count is None:
        return None
    if schedule.all_at_once:
        return 1
    return -(-schedule.episode_count // schedule.episodes_per_release)


def release_dates(schedule: ReleaseSchedule) -> Iterator[date]:
    dates = _all_release_dates(schedule)
    count = _release_count(schedule)
    return dates if count is None else itertools.islice(dates, count)


def _all_release_dates(schedule: ReleaseSchedule) -> Iterator[date]:
    # The premiere counts even off-pattern: shows often open on a special day.
    yield schedule.premiere
    if schedule.all_at_once:
        return
    weekdays = _release_weekdays(schedule)
    day = schedule.premiere
    while True:
        day += timedelta(days=1)
        if day.weekday() in weekdays:
            yield day


def air_date(schedule: ReleaseSchedule, number: int) -> date:
    if number < 1:
        raise ValueError("Episodes are numbered from 1.")
    if schedule.episode_count is not None and number > schedule.episode_count:
        raise ValueError(f"Episode {number} is after the finale.")
    if schedule.all_at_once:
        return schedule.premiere
    index = (number - 1) // schedule.episodes_per_release
    return next(itertools.islice(release_dates(schedule), index, None))


def _iter_releases(schedule: ReleaseSchedule) -> Iterator[Release]:
    count = schedule.episode_count
    if schedule.all_at_once:
        # Without a count there is no episode range to report for the single drop.
        if count is not None:
            yield Release(schedule.premiere, 1, count)
        return
    per = schedule.episodes_per_release
    for index, day in enumerate(release_dates(schedule)):
        first = index * per + 1
        last = first + per - 1
        yield Release(day, first, last if count is None else min(last, count))


def releases_until(schedule: ReleaseSchedule, last_day: date) -> Iterator[Release]:
    """Every release dated on or before `last_day`, open-ended runs included."""
    return itertools.takewhile(lambda release: release.date <= last_day, _iter_releases(schedule))


def releases(schedule: ReleaseSchedule) -> list[Release]:
    if schedule.episode_count is None:
        return []
    return list(_iter_releases(schedule))


def finale_date(schedule: ReleaseSchedule) -> date | None:
    if schedule.episode_count is None:
        return None
    return air_date(schedule, schedule.episode_count)


def release_moment(schedule: ReleaseSchedule, day: date) -> datetime | None:
    if schedule.release_time is None:
        return None
    # Attaching the zone to the local wall-clock time (rather than adding a fixed
    # offset) lets zoneinfo pick the offset in force on that day.
    return datetime.combine(day, schedule.release_time, tzinfo=zone_info(schedule.time_zone))


def _start_moment(schedule: ReleaseSchedule, day: date) -> datetime:
    moment = release_moment(schedule, day)
    if moment is None:
        moment = datetime.combine(day, time(0), tzinfo=zone_info(schedule.time_zone))
    return moment


def next_release(schedule: ReleaseSchedule, now: datetime) -> Release | None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("next_release needs an aware datetime.")
    # Release dates only grow, so this stops at the first future one even when the
    # run is open-ended.
    for release in _iter_releases(schedule):
        if _start_moment(schedule, release.date) > now:
            return release
    return None
