"""Posting a rating: a plain form from the recap page, no account and no CSRF token.

Every refusal is a 4xx page that says why, and changes nothing."""

from django.views.decorators.http import require_POST

from core.client_address import client_ip
from core.crossorigin import same_origin_only
from core.ratelimit import over_limit
from core.responses import back_to, refused
from recaps.models import Recap

from . import rated_cookie
from .models import EpisodeVote
from .scores import parse_score

#: Rating posts one address may make a minute (a household or office shares an address).
VOTES_PER_MINUTE = 20
# Episode keys are 64-bit; a longer number in the address would be a database error, not a 404.
LARGEST_EPISODE_PK = 2**63 - 1


@same_origin_only
@require_POST
def vote(request, episode_pk):
    # Counted first, so a flood of any kind of post costs no query.
    if over_limit("ratings", client_ip(request), VOTES_PER_MINUTE):
        response = refused(
            request,
            429,
            "Too many ratings at once",
            "This address has sent a lot of ratings in the last minute. Wait a minute, then try "
            "again.",
        )
        response["Retry-After"] = "60"
        return response

    recap = published_recap_of(episode_pk)
    if recap is None:
        return refused(
            request,
            404,
            "There is no such episode to rate",
            "Readers can rate an episode once its recap is published.",
        )

    score = parse_score(request.POST.get("score"))
    if score is None:
        return refused(
            request,
            400,
            "That is not a rating",
            "Choose a whole number from 1 to 10.",
            *back_to_recap(recap),
        )

    rated = rated_cookie.read(request)
    if episode_pk in rated:
        return refused(
            request,
            409,
            "You have already rated this episode",
            f"Your rating of {recap.episode} was {rated[episode_pk]} out of 10. Each browser rates "
            "an episode once.",
            *back_to_recap(recap),
        )

    EpisodeVote.objects.create(episode_id=episode_pk, score=score)
    response = back_to(request, f"{recap.get_absolute_url()}#reader-rating")
    rated_cookie.remember(request, response, rated, episode_pk, score)
    return response


def published_recap_of(episode_pk):
    """The episode's latest published recap, or None: readers rate only what they can read."""
    if episode_pk > LARGEST_EPISODE_PK:
        return None
    return (
        Recap.objects.published()
        .filter(episode_id=episode_pk)
        .select_related("episode__show")
        .order_by("-published_at")
        .first()
    )


def back_to_recap(recap):
    return f"{recap.get_absolute_url()}#reader-rating", f"Back to the recap of {recap.episode}"
