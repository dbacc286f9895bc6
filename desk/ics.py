"""Each person's assignments as an iCalendar feed for their own calendar app, behind a signed
link: the link signs the user and their `CalendarKey`, so a new key (the desk's "new link"
button) revokes every link given out before, and a link that was altered, belongs to no one or
carries an old key finds nothing."""

from datetime import timedelta

from django.core import signing
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from icalendar import Calendar, Event

from shows.schedule import zone_info

from . import board
from .models import CalendarKey

SALT = "desk.calendar"
#: Past assignments stay a fortnight; upcoming ones come two months ahead.
PAST, AHEAD = timedelta(days=14), timedelta(days=60)
#: An episode without a release time is an all-day event; one without a due time, this long.
NO_DUE_LENGTH = timedelta(hours=1)
PRODID = "-//Episodic//Recap assignments//EN"
#: Assignments change during the day: calendar apps that honour it look again hourly.
REFRESH_INTERVAL = timedelta(hours=1)


def token_for(user):
    key, _ = CalendarKey.objects.get_or_create(user=user)
    return signing.dumps([user.pk, key.key], salt=SALT, compress=False)


def rotate(user):
    CalendarKey.objects.update_or_create(user=user, defaults={"key": CalendarKey().key})


def user_of(token):
    """The active user a token names with their current key, or None."""
    try:
        user_pk, key = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    found = (
        CalendarKey.objects.select_related("user")
        .filter(user_id=user_pk, user__is_active=True)
        .first()
        if isinstance(user_pk, int)
        else None
    )
    if found is None or not constant_time_compare(found.key, str(key)):
        return None
    return found.user


def assignment_event(row, user, domain, desk_url):
    role = "Review" if row.writer != user and row.reviewer == user else "Write"
    event = Event.new(
        uid=f"desk-episode-{row.episode.pk}@{domain}",
        summary=f"{role}: {row.episode} recap",
        url=desk_url,
        stamp=row.assignment.changed_at if row.assignment else timezone.now(),
        start=row.air_at or row.day,
        description=f"State: {row.state.label}."
        + (f" Due {row.due_at:%a %d %b %H:%M %Z}." if row.due_at else ""),
    )
    if row.air_at is None:
        event.add("duration", timedelta(days=1))
    else:
        event.add("duration", (row.due_at - row.air_at) if row.due_at else NO_DUE_LENGTH)
    return event


def assignments_calendar(user, domain, desk_url, now=None):
    now = now or timezone.now()
    today = now.astimezone(zone_info(board.desk_zone())).date()
    rows = board.rows_between(today - PAST, today + AHEAD, now=now)
    mine = [row for row in rows if row.involves(user) and row.state != board.DeskState.SKIPPED]
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"desk-assignments-{user.pk}@{domain}",
        name="My recap assignments",
        refresh_interval=REFRESH_INTERVAL,
    )
    for row in mine:
        calendar.add_component(assignment_event(row, user, domain, desk_url))
    if mine:
        calendar.add_missing_timezones(
            first_date=mine[0].day, last_date=mine[-1].day + timedelta(2)
        )
    return calendar
