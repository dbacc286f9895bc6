"""What the desk and its calendar show: the episodes airing in a span of days, each with its
assignment, its recap's state, when that recap is due and whether it is late. Built in three
queries however many episodes the span holds (shows on the air, their episodes with
assignments and plans, and their recaps)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from recaps.models import Recap
from recaps.models import state_of as recap_state
from shows.models import Episode, Show
from shows.schedule import releases_until

from .air import after, air_instant, desk_day


class DeskState(models.TextChoices):
    UNASSIGNED = "unassigned", "Unassigned"
    ASSIGNED = "assigned", "Assigned"
    DRAFTING = "drafting", "Drafting"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    LIVE = "live", "Live"
    SKIPPED = "skipped", "Skipped"


#: States in which nothing more is due.
DONE = {DeskState.SCHEDULED, DeskState.LIVE, DeskState.SKIPPED}
RECAP_STATES = {
    Recap.State.DRAFT: DeskState.DRAFTING,
    Recap.State.UNPUBLISHED: DeskState.DRAFTING,
    Recap.State.IN_REVIEW: DeskState.IN_REVIEW,
    Recap.State.SCHEDULED: DeskState.SCHEDULED,
    Recap.State.PUBLISHED: DeskState.LIVE,
}


def desk_zone():
    return settings.DESK_TIME_ZONE


def default_due_after():
    return timedelta(hours=settings.DESK_DUE_HOURS)


def state_of(assignment, recap, now):
    if assignment is not None and assignment.skipped:
        return DeskState.SKIPPED
    if recap is not None:
        return RECAP_STATES[recap_state(recap.status, recap.published_at, now)]
    if assignment is not None and assignment.writer_id:
        return DeskState.ASSIGNED
    return DeskState.UNASSIGNED


@dataclass
class DeskRow:
    episode: Episode
    air_at: datetime | None
    day: date
    assignment: object
    recap: Recap | None
    state: DeskState
    due_at: datetime | None
    overdue: bool

    @property
    def show(self):
        return self.episode.show

    @property
    def writer(self):
        return self.assignment.writer if self.assignment else None

    @property
    def reviewer(self):
        return self.assignment.reviewer if self.assignment else None

    @property
    def relative_schedule(self):
        return getattr(self.recap, "relative_schedule", None) if self.recap else None

    @property
    def follows_air_time(self):
        """Whether the recap's publish time is the one its relative schedule set (an editor
        may have scheduled it by hand at another time since)."""
        plan = self.relative_schedule
        return plan is not None and plan.publish_time == self.recap.published_at

    def involves(self, user):
        people = {getattr(self.writer, "pk", None), getattr(self.reviewer, "pk", None)}
        return user.pk in people or (self.recap is not None and self.recap.author_id == user.pk)


def airing_numbers(show, first_day, last_day):
    """The numbers of the episodes `show`'s schedule puts between the two days."""
    schedule = show.release_schedule
    if schedule is None:
        return []
    numbers = []
    for release in releases_until(schedule, last_day):
        if release.date >= first_day:
            numbers.extend(range(release.first_episode, release.last_episode + 1))
    return numbers


def candidate_episodes(first_day, last_day):
    """Episodes that may air between the days: set by hand to a day in the span, or placed
    there by their show's schedule. A day of margin on each side, because a show's day and
    the desk's day differ near midnight."""
    first, last = first_day - timedelta(days=1), last_day + timedelta(days=1)
    condition = Q(air_date_override__range=(first, last))
    on_air = Show.objects.filter(
        premiere_date__isnull=False, premiere_date__lte=last, schedule_unknown=False
    ).only(
        "premiere_date",
        "release_weekdays",
        "release_time",
        "time_zone",
        "episodes_per_release",
        "all_at_once",
        "planned_episode_count",
        "schedule_unknown",
    )
    for show in on_air:
        numbers = airing_numbers(show, first, last)
        if numbers:
            condition |= Q(show=show, number__in=numbers, air_date_override__isnull=True)
    recaps = Recap.objects.for_lists().select_related("relative_schedule__episode__show")
    return (
        Episode.objects.filter(condition)
        .select_related("show", "show__desk_plan", "assignment__writer", "assignment__reviewer")
        .prefetch_related(Prefetch("recaps", queryset=recaps.order_by("-pk"), to_attr="newest"))
    )


def row_of(episode, zone, now):
    show = episode.show
    air_at = air_instant(episode.air_date, show.release_time, show.time_zone)
    assignment = getattr(episode, "assignment", None)
    recap = episode.newest[0] if episode.newest else None
    plan = getattr(show, "desk_plan", None)
    due_at = after(air_at, plan.due_after if plan else default_due_after())
    state = state_of(assignment, recap, now)
    return DeskRow(
        episode=episode,
        air_at=air_at,
        day=desk_day(air_at, episode.air_date, zone),
        assignment=assignment,
        recap=recap,
        state=state,
        due_at=due_at,
        overdue=due_at is not None and due_at < now and state not in DONE,
    )


def rows_between(first_day, last_day, now=None, zone=None):
    """Every episode whose desk day falls between the two days (both included), in the order
    they air."""
    now, zone = now or timezone.now(), zone or desk_zone()
    rows = [row_of(episode, zone, now) for episode in candidate_episodes(first_day, last_day)]
    rows = [row for row in rows if row.day is not None and first_day <= row.day <= last_day]
    rows.sort(key=lambda row: (row.day, row.air_at or now, row.show.title, row.episode.number))
    return rows


def by_day(rows):
    return [(day, list(day_rows)) for day, day_rows in groupby(rows, key=lambda row: row.day)]
