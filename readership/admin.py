"""What readers read, for editors: views per day (a chart drawn as inline SVG), the most read
recaps, shows and writers, and referring sites, over the last 7, 30 or 90 days; and one
recap's views over time. Read only: the rows are written by the hourly task. Editors have the
view permission (migration 0002); writers do not."""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from core.admin import ReadOnlyAdmin
from recaps.models import Recap

from . import chart, reports
from .models import DailyViews

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30


def period_of(request):
    """(days, first day, last day) of the period the editor chose; the default for anything
    else."""
    value = request.GET.get("days", "")
    chosen = value.isascii() and value.isdigit() and int(value) in PERIODS
    days = int(value) if chosen else DEFAULT_PERIOD
    until = timezone.localdate()
    return days, until - timedelta(days=days - 1), until


@admin.register(DailyViews)
class DailyViewsAdmin(ReadOnlyAdmin):
    view_permissions = {"recap_views_view": ["view"]}
    deletable = False

    def get_urls(self):
        return [
            path(
                "recap/<int:recap_pk>/",
                self.admin_site.admin_view(self.recap_views_view),
                name="readership_dailyviews_recap",
            ),
            *super().get_urls(),
        ]

    def context(self, request, title, days, since, until, points):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "days": days,
            "periods": PERIODS,
            "since": since,
            "until": until,
            "chart": chart.bars(points),
        }

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days, since, until = period_of(request)
        context = self.context(
            request, "What readers read", days, since, until, reports.per_day(since, until)
        )
        context.update(reports.overview(since, until))
        return TemplateResponse(request, "admin/readership/overview.html", context)

    def recap_views_view(self, request, recap_pk):
        recap = get_object_or_404(Recap.objects.select_related("episode__show"), pk=recap_pk)
        days, since, until = period_of(request)
        context = self.context(
            request,
            f"Views of {recap}",
            days,
            since,
            until,
            reports.per_day(since, until, recap.pk),
        )
        context.update(reports.of_recap(recap.pk, since, until), recap=recap)
        return TemplateResponse(request, "admin/readership/recap.html", context)
