"""Release moments told to readers wherever they live, and the "Next:" line of an airing show.

A release happens at a wall time in the show's zone. Pages state it in that zone and, for
readers elsewhere, as an instant in UTC that static/js/site.js rewrites into the browser's
zone (without JavaScript the UTC time stays). Pure functions over a `ReleaseSchedule` and a
moment, like shows.schedule and shows.facts, so tests need neither a database nor a clock.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from shows.facts import MONTHS, WEEKDAYS, format_time, reference_day, zone_abbreviation
from shows.schedule import Release, ReleaseSchedule, next_release, release_moment, zone_info


@dataclass(frozen=True)
class ReleaseInstant:
    """One release moment; `moment` is aware and in the show's zone."""

    moment: datetime

    @property
    def time_zone(self) -> str:
        return self.moment.tzinfo.key

    @property
    def show_time(self) -> str:
        """The wall time where the show is released, e.g. "1:30 PM IST"."""
        at = self.moment.time()
        return f"{format_time(at)} {zone_abbreviation(self.time_zone, self.moment.date(), at)}"

    @property
    def utc_iso(self) -> str:
        return self.moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def utc_text(self) -> str:
        """The same moment in UTC, e.g. "08:00 UTC"; the weekday leads when UTC has already
        moved on to another day ("Friday 01:00 UTC" for Thursday 9 PM in New York)."""
        utc = self.moment.astimezone(UTC)
        day = f"{WEEKDAYS[utc.weekday()]} " if utc.date() != self.moment.date() else ""
        return f"{day}{utc:%H:%M} UTC"


def schedule_instant(schedule: ReleaseSchedule, today: date) -> ReleaseInstant | None:
    """The moment behind the schedule line's time: on the release day that line describes, so
    its zone abbreviation and the UTC time agree across DST changes. None when the line names
    no time (no release time, or every episode at once)."""
    if schedule.all_at_once or schedule.release_time is None:
        return None
    return ReleaseInstant(release_moment(schedule, reference_day(schedule, today)))


def episodes_label(release: Release) -> str:
    # House style (the home page's "Airing now" too): a range with an en dash.
    if release.first_episode == release.last_episode:
        return f"Episode {release.first_episode}"
    return f"Episodes {release.first_episode}–{release.last_episode}"


def format_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def days_away(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


@dataclass(frozen=True)
class NextRelease:
    """What comes out next, counted in calendar days where the show is released."""

    release: Release
    days: int
    instant: ReleaseInstant | None

    @property
    def episodes(self) -> str:
        return episodes_label(self.release)

    @property
    def day(self) -> str:
        return format_day(self.release.date)

    @property
    def when(self) -> str:
        return days_away(self.days)

    @property
    def local_iso(self) -> str:
        """For `<time datetime>`: the moment with the show's offset, or the bare date."""
        return self.instant.moment.isoformat() if self.instant else self.release.date.isoformat()

    @property
    def sentence(self) -> str:
        at = f" at {self.instant.show_time}" if self.instant else ""
        return f"Next: {self.episodes}, {self.day}{at} — {self.when}"


def next_release_notice(schedule: ReleaseSchedule, now: datetime) -> NextRelease | None:
    """The next release while the show airs (from its premiere day until its last release is
    out), else None."""
    release = next_release(schedule, now)
    today = now.astimezone(zone_info(schedule.time_zone)).date()
    if release is None or today < schedule.premiere:
        return None
    moment = release_moment(schedule, release.date)
    # Subtracting local calendar dates, not dividing seconds by a day: a DST change between
    # now and the release makes one of those days 23 or 25 hours long.
    return NextRelease(
        release=release,
        days=(release.date - today).days,
        instant=ReleaseInstant(moment) if moment else None,
    )
