"""The desk in the admin: the start page of writers and editors (the assignments' list), its
calendar, and the forms it posts. Every view is an admin view, so the admin site checks the
permission each declares (`view_permissions`); `desk.actions` then decides, on the server,
what this user may do to this episode."""

import calendar as month_grid
from datetime import date, timedelta

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from core.admin import BaseAdmin, ReadOnlyAdmin
from recaps import workflow
from recaps.models import Recap
from shows.models import Episode
from shows.schedule import zone_info

from . import actions, board, ics
from .forms import AssignForm, FilterForm, RelativeForm, SkipForm, VersionForm
from .models import Assignment, ShowPlan

#: The desk's span: the last week and the next fortnight.
DAYS_BEFORE, DAYS_AHEAD = 7, 14
#: Days far outside these years are typing mistakes (and the edges of Python's dates).
CALENDAR_YEARS = (1900, 2200)


def desk_today(now):
    return now.astimezone(zone_info(board.desk_zone())).date()


def refused(request, message, status):
    return TemplateResponse(
        request, "desk/refused.html", {"message": message, "title": "Not done"}, status=status
    )


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    # Assignments are made and changed on the desk (its own views), which mails the people.
    view_permissions = {
        "calendar_view": ["view"],
        "assign_view": ["view"],
        "skip_view": ["assign"],
        "draft_view": ["view"],
        "relative_view": ["view"],
        "calendar_key_view": ["view"],
    }

    def has_assign_permission(self, request):
        return actions.may_assign(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="desk_assignment_calendar"),
            path("<int:episode_id>/assign/", view(self.assign_view), name="desk_assignment_assign"),
            path("<int:episode_id>/skip/", view(self.skip_view), name="desk_assignment_skip"),
            path("<int:episode_id>/draft/", view(self.draft_view), name="desk_assignment_draft"),
            path(
                "recap/<int:recap_id>/schedule/",
                view(self.relative_view),
                name="desk_assignment_schedule",
            ),
            path(
                "calendar-link/", view(self.calendar_key_view), name="desk_assignment_calendar_key"
            ),
            *super().get_urls(),
        ]

    # -- pages --------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        """The desk: the last week's and the next fortnight's episodes, by day."""
        if request.method == "POST" or not self.has_view_permission(request):
            # Django's own: its refusal, or a bulk action on assignments.
            return super().changelist_view(request, extra_context)
        now = timezone.now()
        today = desk_today(now)
        rows = board.rows_between(
            today - timedelta(days=DAYS_BEFORE), today + timedelta(days=DAYS_AHEAD), now=now
        )
        self.mark_what_user_may_do(request.user, rows)
        filters = FilterForm(request.GET or None)
        shown = filters.keep(rows, request.user)
        mine = [row for row in rows if row.involves(request.user) and row.state not in board.DONE]
        context = {
            **self.admin_site.each_context(request),
            "title": "Episode desk",
            "opts": self.model._meta,
            "days": board.by_day(shown),
            "mine": mine,
            "filters": filters,
            "today": today,
            "zone": board.desk_zone(),
            "calendar_url": self.calendar_link(request),
            **self.people_to_pick(request.user),
        }
        return TemplateResponse(request, "desk/desk.html", context)

    def calendar_view(self, request):
        """The same episodes as a month or a week: `?view=week&day=2026-12-07`."""
        now = timezone.now()
        try:
            day = date.fromisoformat(request.GET.get("day", "")) if "day" in request.GET else None
        except ValueError:
            return refused(request, "That is not a day (YYYY-MM-DD).", 400)
        day = day or desk_today(now)
        if not CALENDAR_YEARS[0] <= day.year <= CALENDAR_YEARS[1]:
            return refused(request, "The calendar covers the years 1900 to 2200.", 400)
        week_view = request.GET.get("view") == "week"
        if week_view:
            first = day - timedelta(days=day.weekday())
            weeks = [[first + timedelta(days=n) for n in range(7)]]
            before, after = first - timedelta(days=7), first + timedelta(days=7)
        else:
            weeks = month_grid.Calendar().monthdatescalendar(day.year, day.month)
            before = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
            after = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        rows = board.rows_between(weeks[0][0], weeks[-1][-1], now=now)
        filters = FilterForm(request.GET or None)
        by_day = dict(board.by_day(filters.keep(rows, request.user)))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Desk calendar: week of {weeks[0][0]:%-d %B %Y}"
            if week_view
            else f"Desk calendar: {day:%B %Y}",
            "opts": self.model._meta,
            "weeks": [[(d, by_day.get(d, []), d.month == day.month) for d in w] for w in weeks],
            "week_view": week_view,
            "day": day,
            "before": before,
            "after": after,
            "today": desk_today(now),
            "filters": filters,
            "zone": board.desk_zone(),
        }
        return TemplateResponse(request, "desk/calendar.html", context)

    # -- forms the desk posts -----------------------------------------------------------------

    def done(self, request, message):
        messages.success(request, message)
        return redirect("admin:desk_assignment_changelist")

    def posted(self, request, form_class, perform):
        form = form_class(request.POST)
        if not form.is_valid():
            return refused(
                request,
                "The form was incomplete or malformed: "
                + "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()),
                400,
            )
        try:
            return perform(form.cleaned_data)
        except actions.Stale as stale:
            return refused(request, str(stale), 409)
        except ValidationError as invalid:
            return refused(request, " ".join(invalid.messages), 400)

    @staticmethod
    def episode(episode_id):
        return get_object_or_404(Episode.objects.select_related("show"), pk=episode_id)

    @method_decorator(require_POST)
    def assign_view(self, request, episode_id):
        episode = self.episode(episode_id)

        def take(data):
            actions.take(episode, request.user, data["version"])
            return self.done(request, f"You write the recap of {episode}.")

        def assign(data):
            writer, reviewer = data["writer"], data["reviewer"]
            actions.assign(episode, request.user, data["version"], writer=writer, reviewer=reviewer)
            return self.done(request, f"Assignment of {episode} saved.")

        if "take" in request.POST:
            return self.posted(request, VersionForm, take)
        return self.posted(request, AssignForm, assign)

    @method_decorator(require_POST)
    def skip_view(self, request, episode_id):
        episode = self.episode(episode_id)

        def skip(data):
            actions.skip(episode, request.user, data["version"], data["skipped"])
            news = "skipped" if data["skipped"] else "back on the desk"
            return self.done(request, f"{episode}: {news}.")

        return self.posted(request, SkipForm, skip)

    @method_decorator(require_POST)
    def draft_view(self, request, episode_id):
        episode = self.episode(episode_id)

        def start(data):
            recap = actions.create_draft(episode, request.user, data["version"])
            messages.success(request, f"The draft of {episode} is ready.")
            return redirect("admin:recaps_recap_change", recap.pk)

        return self.posted(request, VersionForm, start)

    @method_decorator(require_POST)
    def relative_view(self, request, recap_id):
        recap = get_object_or_404(Recap.objects.select_related("episode__show"), pk=recap_id)

        def schedule(data):
            anchor = Episode.objects.filter(
                show_id=recap.episode.show_id, number=data["episode"]
            ).first()
            if anchor is None:
                raise ValidationError(f"{recap.episode.show} has no episode {data['episode']}.")
            offset = timedelta(hours=float(data["hours"]))
            try:
                scheduled = actions.schedule_relative(
                    recap,
                    request.user,
                    anchor,
                    offset,
                    confirm_warnings=data["confirm_warnings"],
                )
            except workflow.ChecksFailed as failed:
                return self.checks_failed(request, failed.result)
            if scheduled:
                return self.done(request, f"{recap.episode} is scheduled relative to {anchor}.")
            return self.done(request, f"Planned relative to {anchor}: an editor schedules it.")

        return self.posted(request, RelativeForm, schedule)

    def checks_failed(self, request, result):
        """The pre-publish checks' refusal; warnings alone may be confirmed with one click."""
        context = {
            "title": "Not scheduled",
            "message": "The pre-publish checks stopped it.",
            "problems": [*result.errors, *result.warnings],
            "confirm": None if result.errors else request.POST.items(),
        }
        return TemplateResponse(request, "desk/refused.html", context, status=400)

    @method_decorator(require_POST)
    def calendar_key_view(self, request):
        ics.rotate(request.user)
        return self.done(request, "Your calendar link is new; the old one no longer works.")

    # -- helpers ------------------------------------------------------------------------------

    def calendar_link(self, request):
        return request.build_absolute_uri(
            reverse("desk:assignments_ics", args=[ics.token_for(request.user)])
        )

    @staticmethod
    def people_to_pick(user):
        if not actions.may_assign(user):
            return {"writers": [], "reviewers": []}
        return {"writers": list(actions.writers()), "reviewers": list(actions.reviewers())}

    @staticmethod
    def mark_what_user_may_do(user, rows):
        """What the page offers on each row; the views check again when it is posted."""
        assigner = actions.may_assign(user)
        for row in rows:
            ours = row.writer == user or assigner
            row.version = row.assignment.version if row.assignment else 0
            row.can_take = not assigner and actions.may_take(user, row.assignment)
            row.can_draft = (
                row.recap is None
                and row.state != board.DeskState.SKIPPED
                and (ours or row.can_take)
            )
            row.can_schedule = row.recap is not None and workflow.can_change(user, row.recap)


@admin.register(ShowPlan)
class ShowPlanAdmin(BaseAdmin):
    list_display = ["show", "due_after", "subtitle_pattern", "default_tags"]
    autocomplete_fields = ["show"]
    search_fields = ["show__title"]
