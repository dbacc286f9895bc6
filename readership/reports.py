"""What the admin shows of the views: a fixed number of grouped queries over the day rows."""

from datetime import timedelta

from django.db.models import Sum

from .models import DailyViews

TOP = 20


def views_between(since, until, recap_pk=None):
    rows = DailyViews.objects.filter(day__gte=since, day__lte=until)
    return rows.filter(recap_id=recap_pk) if recap_pk is not None else rows


def per_day(since, until, recap_pk=None):
    """[(day, views)] for every day from `since` to `until`, days without views included."""
    totals = dict(
        views_between(since, until, recap_pk)
        .values_list("day")
        .annotate(total=Sum("views"))
        .order_by()
    )
    days = (until - since).days + 1
    return [(day, totals.get(day, 0)) for day in (since + timedelta(n) for n in range(days))]


def grouped(rows, *fields, limit=TOP):
    return list(
        rows.values(*fields).annotate(total=Sum("views")).order_by("-total", *fields)[:limit]
    )


def overview(since, until):
    """The most read recaps, shows, writers and referring sites in the period."""
    rows = views_between(since, until)
    return {
        "recaps": grouped(
            rows,
            "recap_id",
            "recap__subtitle",
            "recap__episode__number",
            "recap__episode__show__title",
        ),  # fmt: skip
        "shows": grouped(rows, "recap__episode__show_id", "recap__episode__show__title"),
        "writers": grouped(
            rows,
            "recap__author_id",
            "recap__author__first_name",
            "recap__author__last_name",
            "recap__author__username",
        ),  # fmt: skip
        "referrers": grouped(rows, "referrer"),
    }


def of_recap(recap_pk, since, until):
    return {"referrers": grouped(views_between(since, until, recap_pk), "referrer")}
