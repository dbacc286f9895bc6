"""When an episode airs as an instant, and the moments the desk counts from it. Pure: values
in, values out, so daylight-saving changes are tested without a database."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shows.schedule import zone_info


def air_instant(air_date: date | None, release_time: time | None, zone: str) -> datetime | None:
    """The moment an episode airs: its air date at the show's release time in the show's zone
    (zoneinfo picks the offset in force that day). None without a date or a release time, as
    a day alone names no moment to count hours from."""
    if air_date is None or release_time is None:
        return None
    return datetime.combine(air_date, release_time, tzinfo=zone_info(zone))


def after(instant: datetime | None, offset: timedelta) -> datetime | None:
    """`offset` after `instant`, counted in real hours (UTC), not on the local wall clock: "2 h
    after it airs" is two hours even on the night the clocks change."""
    if instant is None:
        return None
    return (instant.astimezone(ZoneInfo("UTC")) + offset).astimezone(instant.tzinfo)


def desk_day(instant: datetime | None, air_date: date | None, zone: str) -> date | None:
    """The day an episode stands under on the desk: its air instant's date in the desk's zone,
    or its air date where it has no release time."""
    if instant is None:
        return air_date
    return instant.astimezone(zone_info(zone)).date()


def offset_text(offset: timedelta) -> str:
    """ "2 h", "1 h 30 min", "45 min", "1 day 2 h": how the desk says an offset."""
    minutes = int(offset.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days > 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes} min")
    return " ".join(parts)
