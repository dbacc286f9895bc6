"""The editorial workflow: which moves a recap can make, who may make them, and the record of
each move. Views and the admin ask this module; none of them decides on its own.

    draft ──submit──▶ in review ──publish──▶ published ──unpublish──▶ unpublished
      │                   │ └─────schedule──▶ scheduled ──(its time comes)──▶ published
      └──publish/schedule─┘ ◀──send back──┘

"Scheduled" is status PUBLISHED with a future publish time (see `Recap.Status`), so a scheduled
recap goes live by itself: `Recap.objects.published()` compares the time with the clock.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import checks
from .models import Recap, RecapTransition, state_of

State = Recap.State

CHANGE = "recaps.change_recap"
REVIEW = "recaps.review_recap"
PUBLISH = "recaps.publish_recap"

#: States a writer may still edit their own recap in.
EDITABLE_BY_AUTHOR = {Recap.Status.DRAFT, Recap.Status.IN_REVIEW}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: State
    permission: str


def _t(name, label, sources, target, permission):
    return Transition(name, label, frozenset(sources), target, permission)


#: The whole table: (from, to, permission). Anything not here is refused.
TRANSITIONS = (
    _t("submit", "Submit for review", {State.DRAFT, State.UNPUBLISHED}, State.IN_REVIEW, CHANGE),
    _t("send_back", "Send back to the writer", {State.IN_REVIEW}, State.DRAFT, REVIEW),
    _t("reopen", "Back to draft", {State.UNPUBLISHED}, State.DRAFT, REVIEW),
    _t(
        "publish",
        "Publish now",
        {State.DRAFT, State.IN_REVIEW, State.SCHEDULED, State.UNPUBLISHED},
        State.PUBLISHED,
        PUBLISH,
    ),
    _t(
        "schedule",
        "Schedule",
        {State.DRAFT, State.IN_REVIEW, State.SCHEDULED, State.UNPUBLISHED},
        State.SCHEDULED,
        PUBLISH,
    ),
    _t("unpublish", "Unpublish", {State.PUBLISHED, State.SCHEDULED}, State.UNPUBLISHED, PUBLISH),
)
BY_NAME = {transition.name: transition for transition in TRANSITIONS}
LIVE = {State.PUBLISHED, State.SCHEDULED}


class TransitionRefused(PermissionDenied):
    """The acting user may not make this move (or the move does not exist): a 403."""


class ChecksFailed(Exception):
    def __init__(self, result):
        super().__init__("Pre-publish checks failed")
        self.result = result


def can_edit_any(user):
    return user.is_active and user.has_perm(REVIEW)


def can_change(user, recap):
    """May `user` edit this recap? Editors: any recap. Writers: their own, until published."""
    if not (user.is_active and user.has_perm(CHANGE)):
        return False
    if recap is None or can_edit_any(user):
        return True
    return recap.author_id == user.pk and recap.status in EDITABLE_BY_AUTHOR


def can_preview(user, recap):
    """Staff preview: whoever may change the recap, and its author in any state."""
    if not (user.is_active and user.is_staff):
        return False
    return can_change(user, recap) or (
        recap.author_id == user.pk and user.has_perm("recaps.view_recap")
    )


def can_delete(user, recap):
    """Editors delete any recap; writers only their own drafts."""
    if not (user.is_active and user.has_perm("recaps.delete_recap")):
        return False
    if recap is None or user.has_perm(PUBLISH):
        return True
    return recap.author_id == user.pk and recap.status == Recap.Status.DRAFT


def find(source, target):
    """The transition from one state to another, or None if the table has no such move."""
    if source == target:
        return None
    for transition in TRANSITIONS:
        if source in transition.sources and transition.target == target:
            return transition
    return None


def allowed(user, transition, recap):
    return (
        recap.state in transition.sources
        and user.has_perm(transition.permission)
        and can_change(user, recap)
    )


def available(user, recap):
    """The moves `user` can make on `recap` now, in table order."""
    return [transition for transition in TRANSITIONS if allowed(user, transition, recap)]


def check_move(user, source, target, recap=None):
    """Refuse (403) a move that is not in the table or not the user's to make."""
    transition = find(source, target)
    if transition is None:
        raise TransitionRefused(f"A recap cannot go from {source.label} to {target.label}.")
    if not user.has_perm(transition.permission):
        raise TransitionRefused(f"You may not {transition.label.lower()} recaps.")
    if recap is not None and not can_change(user, recap):
        raise TransitionRefused("This recap is not yours to change.")
    return transition


def perform(recap, name, user, *, publish_time=None, note="", confirm_warnings=False, now=None):
    """Make transition `name` on `recap` as `user`, after the pre-publish checks when it goes
    live. Raises TransitionRefused (nothing changed, a 403) or ChecksFailed (nothing changed,
    the result says why). Returns the RecapTransition recorded."""
    now = now or timezone.now()
    transition = BY_NAME.get(name)
    if transition is None:
        raise TransitionRefused("No such workflow action.")
    source = recap.state
    check_move(user, source, transition.target, recap)
    if transition.target == State.SCHEDULED:
        if publish_time is None or publish_time <= now:
            raise ValueError("A schedule needs a publish time in the future.")
    elif transition.target == State.PUBLISHED:
        publish_time = now
    if transition.target in LIVE:
        result = checks.run_for(recap, publish_time, now=now)
        if result.errors or (result.warnings and not confirm_warnings):
            raise ChecksFailed(result)
    with transaction.atomic():
        recap.status = Recap.Status.PUBLISHED if transition.target in LIVE else transition.target
        if transition.target in LIVE:
            recap.published_at = publish_time
        recap.save()
        return record(recap, user, source, note=note, now=now)


def record(recap, user, source, *, note="", now=None):
    """Write down a move that happened (the admin form's status change, or `perform`)."""
    target = state_of(recap.status, recap.published_at, now)
    return RecapTransition.objects.create(
        recap=recap,
        user=user if user and user.is_authenticated else None,
        at=now or timezone.now(),
        from_state=source or "",
        to_state=target,
        publish_time=recap.published_at if target in LIVE else None,
        note=note,
    )
