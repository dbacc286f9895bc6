"""The counts taken from the cache, added to the day's rows; and old rows forgotten."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from recaps.models import Recap

from . import counting
from .models import DailyViews


def day_of(hour):
    """The site's local day an hour (counted from the epoch) falls in."""
    return timezone.localdate(datetime.fromtimestamp(hour * counting.HOUR, UTC))


def add(counts):
    """Adds {(hour, recap pk, domain): views} to the rows of their days: views of a recap
    deleted since are dropped. Returns how many views were added."""
    by_row = Counter()
    for (hour, recap_pk, domain), views in counts.items():
        by_row[(day_of(hour), recap_pk, domain)] += views
    existing_recaps = set(
        Recap.objects.filter(pk__in={pk for _, pk, _ in by_row}).values_list("pk", flat=True)
    )
    by_row = {key: views for key, views in by_row.items() if key[1] in existing_recaps}
    if not by_row:
        return 0
    with transaction.atomic():
        # The days' rows of these recaps (some of other referrers, which stay as they are).
        candidates = DailyViews.objects.select_for_update().filter(
            day__in={day for day, _, _ in by_row}, recap_id__in={pk for _, pk, _ in by_row}
        )
        rows = {
            (row.day, row.recap_id, row.referrer): row
            for row in candidates
            if (row.day, row.recap_id, row.referrer) in by_row
        }
        for key, row in rows.items():
            row.views += by_row[key]
        DailyViews.objects.bulk_update(rows.values(), ["views"], batch_size=500)
        DailyViews.objects.bulk_create(
            [
                DailyViews(day=day, recap_id=recap_pk, referrer=domain, views=views)
                for (day, recap_pk, domain), views in by_row.items()
                if (day, recap_pk, domain) not in rows
            ],
            batch_size=500,
        )
    return sum(by_row.values())


def flush(now=None):
    """Every finished hour's counts into the database; the cache forgets them afterwards."""
    counts, claimed = counting.claim_finished_hours(now)
    added = add(counts)
    counting.release(claimed)
    return added


def forget_old(today=None):
    """Deletes the rows older than READERSHIP_KEEP_DAYS; returns how many."""
    cutoff = (today or timezone.localdate()) - timedelta(days=settings.READERSHIP_KEEP_DAYS)
    deleted, _ = DailyViews.objects.filter(day__lt=cutoff).delete()
    return deleted
