"""What a webhook says about its object: the content API's representation of it
(`api.payloads`), so a receiver parses one shape whether it reads the API or is told. What may
be said is decided here: nothing of an unpublished recap but what identifies it, and nothing of
a recap taken off the site before its message is built."""

from django.conf import settings
from django_comments_xtd.models import XtdComment

from api.payloads import comment_payload_for, recap_payload_for, show_payload_for
from recaps.models import Recap
from shows.models import Show

from .models import TEST_EVENT, Event


def payload(event, obj):
    """The JSON-ready `data` of a message about `obj` (a Recap, a comment or a Show)."""
    if event == TEST_EVENT:
        return {"test": True, "site": settings.SITE_NAME}
    if event == Event.RECAP_UNPUBLISHED:
        # No longer public: only what identifies it, nothing of what readers may not see now.
        return {"id": obj.pk, "slug": obj.slug}
    if event in (Event.RECAP_PUBLISHED, Event.RECAP_UPDATED):
        return recap_payload_for(obj)
    if event == Event.COMMENT_APPROVED:
        return comment_payload_for(obj)
    if event == Event.SHOW_SCHEDULE_CHANGED:
        return show_payload_for(obj)
    raise ValueError(f"No payload for {event!r}")


def loaded(event, pk):
    """The object an event is about, or None if it is gone (or, for a recap said to be live,
    no longer published)."""
    if event == Event.COMMENT_APPROVED:
        return XtdComment.objects.filter(pk=pk, is_public=True, is_removed=False).first()
    if event == Event.SHOW_SCHEDULE_CHANGED:
        return Show.objects.filter(pk=pk).first()
    recaps = Recap.objects.all() if event == Event.RECAP_UNPUBLISHED else Recap.objects.published()
    return recaps.filter(pk=pk).first()
