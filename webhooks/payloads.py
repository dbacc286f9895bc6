"""What a webhook says about its object: the content API's representation of it.

The API (the `api` app) is written in parallel; until it is merged, `payload` builds the fields
the API certainly has, here and nowhere else. At the merge its body becomes a call to the
API's serializers; nothing else in this app reads or shapes a payload."""

import calendar
from datetime import UTC

from django.conf import settings

from discussion import markup
from recaps.models import Recap
from shows.models import Show
from shows.schedule import release_moment

from .models import TEST_EVENT, Event


def payload(event, obj):
    """The JSON-ready `data` of a message about `obj` (a Recap, a comment or a Show)."""
    if event == TEST_EVENT:
        return {"test": True, "site": settings.SITE_NAME}
    if event == Event.RECAP_UNPUBLISHED:
        # No longer public: only what identifies it, nothing of what readers may not see now.
        return {"id": obj.pk, "slug": obj.slug}
    if event in (Event.RECAP_PUBLISHED, Event.RECAP_UPDATED):
        return _recap(obj)
    if event == Event.COMMENT_APPROVED:
        return _comment(obj)
    if event == Event.SHOW_SCHEDULE_CHANGED:
        return _show(obj)
    raise ValueError(f"No payload for {event!r}")


def loaded(event, pk):
    """The object an event is about, with what `payload` reads, or None if it is gone."""
    if event == Event.COMMENT_APPROVED:
        from django_comments_xtd.models import XtdComment

        return XtdComment.objects.filter(pk=pk, is_public=True, is_removed=False).first()
    if event == Event.SHOW_SCHEDULE_CHANGED:
        return Show.objects.filter(pk=pk).first()
    recaps = Recap.objects.select_related("episode__show").prefetch_related("tags")
    if event != Event.RECAP_UNPUBLISHED:
        # Taken off the site since: it is described to no one.
        recaps = recaps.published()
    return recaps.filter(pk=pk).first()


def _url(path):
    return f"{settings.FOLLOWS_SITE_URL}{path}"


def _time(moment):
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _recap(recap):
    episode, show = recap.episode, recap.episode.show
    air_date = episode.air_date
    schedule = show.release_schedule
    aired = release_moment(schedule, air_date) if schedule and air_date else None
    return {
        "id": recap.pk,
        "slug": recap.slug,
        "title": recap.headline,
        "url": _url(recap.get_absolute_url()),
        "show": {"slug": show.slug, "title": show.title},
        "episode": {
            "number": episode.number,
            "air_date": air_date.isoformat() if air_date else None,
            "air_time_utc": _time(aired),
        },
        "published_at": _time(recap.published_at),
        "updated_at": _time(recap.text_modified_at),
        "verdict": recap.verdict,
        "tags": sorted(tag.name for tag in recap.tags.all()),
    }


def _comment(comment):
    recap = comment.content_object
    masked = markup.masked(comment.comment)
    return {
        "id": comment.pk,
        "recap": {"id": recap.pk, "slug": recap.slug} if recap else None,
        "author_name": comment.user_name,
        "submitted_at": _time(comment.submit_date),
        # Spoilers stay hidden outside the page, as in mail (discussion.markup). Comments are
        # plain text (HTML in them is text): `text` as typed, `html` escaped as the site shows it.
        "text": masked,
        "html": str(markup.to_html(masked)),
    }


def _show(show):
    schedule = show.release_schedule
    return {
        "slug": show.slug,
        "title": show.title,
        "url": _url(show.get_absolute_url()),
        "time_zone": show.time_zone,
        "schedule": None
        if schedule is None
        else {
            "premiere_date": schedule.premiere.isoformat(),
            "weekdays": [calendar.day_name[day] for day in schedule.weekdays],
            "release_time": schedule.release_time.isoformat() if schedule.release_time else None,
            "episodes_per_release": schedule.episodes_per_release,
            "all_at_once": schedule.all_at_once,
            "episode_count": schedule.episode_count,
            "line": show.schedule_line(),
        },
    }
