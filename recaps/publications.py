"""When recaps go live: the page cache reads this (through `PAGE_CACHE_PUBLICATIONS`) so that
nothing it keeps outlives the next scheduled publication."""

from django.db.models import Max, Min, Q

from .models import Recap


def publication_times(moment):
    """(last, upcoming): the latest publish time of a published recap up to `moment`, and the
    first one after it; None where there is none."""
    found = Recap.objects.filter(status=Recap.Status.PUBLISHED).aggregate(
        last=Max("published_at", filter=Q(published_at__lte=moment)),
        upcoming=Min("published_at", filter=Q(published_at__gt=moment)),
    )
    return found["last"], found["upcoming"]
