"""Plain-English fact sentences about a show, built from its data.

English names are spelled out here instead of using strftime so the output does
not depend on the server's locale.
"""

from collections.abc import Sequence
from datetime import date, datetime, time

from shows.schedule import ReleaseSchedule, finale_date, release_dates, zone_info

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNT_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def join_names(names: Sequence[str]) -> str:
    # House style has no Oxford comma.
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def format_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def format_time(t: time) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def zone_abbreviation(zone: str, on: date, at: time | None) -> str:
    # Noon stands in for an unknown time: DST switches happen at night, so noon
    # gives the abbreviation that holds for most of that day.
    moment = datetime.combine(on, at or time(12), tzinfo=zone_info(zone))
    name = moment.tzname() or ""
    # tzdata uses bare offsets such as "+07" where no real abbreviation exists,
    # which read like arithmetic in a sentence.
    if name.startswith(("+", "-")):
        return f"UTC{name}"
    return name


def _count_word(n: int) -> str:
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else str(n)


def _episodes(n: int) -> str:
    return f"{n} episode" if n == 1 else f"{n} episodes"


def cast_line(title: str, leads: Sequence[str], supporting: Sequence[tuple[str, str]]) -> str:
    others = join_names([f"{about} {name}" if about else name for name, about in supporting])
    if leads:
        role = "in the lead role" if len(leads) == 1 else "in lead roles"
        along = f", along with {others}" if others else ""
        return f"{title} stars {join_names(leads)} {role}{along}."
    if others:
        return f"The cast of {title} includes {others}."
    return ""


def last_seen_in(
    name: str, earlier: Sequence[tuple[str, date | None]], before: date | None, limit: int = 3
) -> str:
    dated = [
        (title, premiere)
        for title, premiere in earlier
        if premiere is not None and (before is None or premiere < before)
    ]
    dated.sort(key=lambda credit: credit[1], reverse=True)
    # The same title can be credited twice (several seasons); keep its newest.
    titles = list(dict.fromkeys(title for title, _ in dated))[: max(limit, 0)]
    if not titles:
        return ""
    return f"{name} was last seen in {join_names(titles)}."


def run_line(
    title: str, platforms: Sequence[str], start: date | None, end: date | None, today: date
) -> str:
    if start is None:
        return ""
    on = f" on {join_names(platforms)}" if platforms else ""
    if end is None:
        if today < start:
            return f"{title} will stream{on} from {format_date(start)}."
        return f"{title} has been streaming{on} since {format_date(start)}."
    first, last = format_date(start), format_date(end)
    if today < start:
        return f"{title} will stream{on} from {first}, to {last}."
    if today <= end:
        return f"{title} is streaming{on} from {first}, until {last}."
    return f"{title} streamed{on} from {first}, to {last}."


def where_to_watch(platforms: Sequence[str], start: date | None, today: date) -> str:
    if not platforms:
        return ""
    verb = "will stream" if start is None or today < start else "is streaming"
    return f"The series {verb} on {join_names(platforms)}."


def reference_day(schedule: ReleaseSchedule, today: date) -> date:
    """The release day the schedule line describes: the next one, or the finale once over."""
    # The zone abbreviation must match the release the reader cares about, which
    # may sit on the other side of a DST change from today.
    finale = finale_date(schedule)
    if finale is not None and today > finale:
        return finale
    return next(day for day in release_dates(schedule) if day >= today)


def _weekday_names(schedule: ReleaseSchedule) -> str:
    days = dict.fromkeys(schedule.weekdays or (schedule.premiere.weekday(),))
    return join_names([WEEKDAYS[day] for day in days])


def _all_at_once_line(schedule: ReleaseSchedule, today: date) -> str:
    on = format_date(schedule.premiere)
    if schedule.episode_count is not None:
        return f"{_episodes(schedule.episode_count)}, all released at once on {on}."
    verb = "were" if today > schedule.premiere else "are"
    return f"All episodes {verb} released at once on {on}."


def schedule_line(schedule: ReleaseSchedule, today: date) -> str:
    if schedule.all_at_once:
        return _all_at_once_line(schedule, today)
    at = ""
    if schedule.release_time is not None:
        zone = zone_abbreviation(
            schedule.time_zone, reference_day(schedule, today), schedule.release_time
        )
        at = f" at {format_time(schedule.release_time)} {zone}"
    when = f"every {_weekday_names(schedule)}{at}"
    per = schedule.episodes_per_release
    count = schedule.episode_count
    if count is None:
        # An open-ended run has no finale, so it is never described in the past.
        noun, verb = ("episode", "is") if per == 1 else ("episodes", "are")
        return f"{_count_word(per).capitalize()} {noun} {verb} released {when}."
    finished = today > finale_date(schedule)
    verb = ("was" if finished else "is") if per == 1 else ("were" if finished else "are")
    return f"{_episodes(count)}; {_count_word(per)} {verb} released {when}."
