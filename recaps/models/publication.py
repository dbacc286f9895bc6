"""Where a recap stands with readers: its stored status, the state the workflow names, and the
one rule of visibility.

`is_visible()` is the only definition of "visible to readers": published, and its time has
come. Everything else derives from it: `Recap.is_published`, `state_of()` (SCHEDULED is a
published recap not yet visible), and `published_condition()`, the same rule as a database
condition behind `Recap.objects.published()`. Pure values and a moment in, so the rule needs no
database to test; a test checks that the condition and the predicate agree on every case.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Status(models.TextChoices):
    """What is stored. "Scheduled" is not a stored status: it is PUBLISHED with a publish
    time still to come, so the recap goes live at that moment with no job running and
    `is_visible()` stays the one rule of visibility. `State` names all five."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class State(models.TextChoices):
    """Where a recap is in the workflow: the status, with PUBLISHED split by the clock."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


def is_visible(status, published_at, at=None):
    """Whether readers may see a recap with this status and publish time at `at` (now)."""
    return (
        status == Status.PUBLISHED
        and published_at is not None
        and published_at <= (at or timezone.now())
    )


def published_condition(at=None, through=""):
    """`is_visible()` as a database condition: `Recap.objects.published()`, and querysets that
    reach recaps through a relation (`through="recaps__"` from episodes). A published recap
    always has a publish time (the `recap_published_needs_time` constraint), and a missing one
    never compares as past."""
    return Q(
        **{
            f"{through}status": Status.PUBLISHED,
            f"{through}published_at__lte": at or timezone.now(),
        }
    )


def state_of(status, published_at, at=None):
    """The workflow's name for a status and publish time at `at` (now): a published recap that
    readers may not see yet is scheduled (one without a publish time, which the database
    refuses, keeps its status's name: a form that holds one says what is missing)."""
    if status == Status.PUBLISHED and published_at is not None:
        return State.PUBLISHED if is_visible(status, published_at, at) else State.SCHEDULED
    return State(status)
