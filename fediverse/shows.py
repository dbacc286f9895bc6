"""Which shows are actors: those with a published recap (`Recap.objects.published()`, the one
rule). A show with drafts only is not in the fediverse: its actor, outbox and WebFinger answer
404 and a Follow of it is refused."""

from django.db.models import Exists, OuterRef

from recaps.models import Recap
from shows.models import Show


def visible_shows():
    return Show.objects.filter(
        Exists(Recap.objects.published().filter(episode__show=OuterRef("pk")))
    )


def visible_show(slug):
    return visible_shows().filter(slug=slug).first()


def published_recaps(show):
    return (
        Recap.objects.published()
        .filter(episode__show=show)
        .select_related("episode__show")
        .prefetch_related("tags")
        .order_by("-published_at", "-pk")
    )
