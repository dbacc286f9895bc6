"""A show's release days as an iCalendar feed readers can subscribe to.

One event per release, in the show's own zone with its VTIMEZONE, so calendar apps move it
across DST changes the way the show does. A UID names the show and the episodes of the
release, not the date: when the schedule changes, subscribers see the event move instead of a
duplicate appearing.
"""

from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

from shows.release_times import episodes_label
from shows.schedule import Release, release_moment, releases_until

# An open-ended run lists this far ahead; subscribers refresh and see further as time passes.
OPEN_ENDED_HORIZON = timedelta(weeks=26)
RELEASE_LENGTH = timedelta(hours=1)
REFRESH_INTERVAL = timedelta(days=1)
PRODID = "-//Episodic//Release calendar//EN"


def calendar_releases(schedule, today: date) -> list[Release]:
    """A finite run from its premiere to its finale; an open-ended one from today on, for
    OPEN_ENDED_HORIZON; a show released all at once, its one drop (count known or not)."""
    if schedule.all_at_once:
        return [Release(schedule.premiere, 1, schedule.episode_count or 1)]
    if schedule.episode_count is not None:
        # releases_until stops at the finale: the whole run, however long ago it began.
        return list(releases_until(schedule, date.max))
    upcoming = releases_until(schedule, today + OPEN_ENDED_HORIZON)
    return [release for release in upcoming if release.date >= today]


def release_event(show, release: Release, hub_url: str, domain: str, stamp: datetime) -> Event:
    schedule = show.release_schedule
    if schedule.all_at_once:
        episodes, uid = "all episodes", f"show-{show.pk}-all-episodes@{domain}"
    else:
        episodes = episodes_label(release)
        uid = f"show-{show.pk}-episodes-{release.first_episode}-{release.last_episode}@{domain}"
    moment = release_moment(schedule, release.date)
    event = Event.new(
        uid=uid,
        summary=f"{show.title}: {episodes}",
        url=hub_url,
        stamp=stamp,
        # Without a release time, the day itself is the event.
        start=moment or release.date,
    )
    event.add("duration", RELEASE_LENGTH if moment else timedelta(days=1))
    return event


def show_calendar(show, hub_url: str, domain: str, today: date) -> Calendar:
    """The calendar of `show` as seen on `today` (in the show's zone); no events while its
    premiere is unknown, so a subscription made early fills in later."""
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"show-{show.pk}-releases@{domain}",
        name=f"{show.title} release days",
        refresh_interval=REFRESH_INTERVAL,
    )
    schedule = show.release_schedule
    releases = calendar_releases(schedule, today) if schedule else []
    for release in releases:
        # DTSTAMP: when this information last changed, which keeps the body the same between
        # requests (and so cacheable) until an editor edits the show.
        calendar.add_component(release_event(show, release, hub_url, domain, show.updated_at))
    if releases:
        # The zone's rules for the span of the events only, not icalendar's default 1970-2038.
        calendar.add_missing_timezones(
            first_date=releases[0].date, last_date=releases[-1].date + timedelta(days=1)
        )
    return calendar
