"""When a follower's weekly digest is due: their weekday and hour in their own time zone, so a
digest at 8:00 stays at 8:00 on their clock across a daylight-saving change. Pure functions."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def valid_zone(name):
    """True for an IANA zone name this machine knows (what browsers report)."""
    if not name or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name in available_timezones() or name == "UTC"


def next_digest(after, weekday, hour, zone_name):
    """The first moment after `after` (aware) that is `weekday` (0 Monday) at `hour`:00 on the
    clock of `zone_name`, in UTC. An hour a spring-forward skips is taken an hour later."""
    zone = ZoneInfo(zone_name)
    local = after.astimezone(zone)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    for week in range(3):
        moment = datetime.combine(day + timedelta(weeks=week), time(hour), tzinfo=zone)
        # Through UTC and back: a wall time that does not exist comes out as a real one.
        moment = moment.astimezone(UTC)
        if moment > after:
            return moment
    raise AssertionError("unreachable: a week always has the weekday")
