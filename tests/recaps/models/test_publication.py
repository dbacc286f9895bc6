"""`is_visible()` is the one rule of "visible to readers": `Recap.objects.published()`, the
instance's `is_published` and the workflow's `state_of()` must say the same thing for every
status and every publish time (past, this very moment, future, missing)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.db.models import CharField, DateTimeField, Value

from demo.factories import make_recap
from recaps.models import Recap, is_visible, published_condition, state_of

MOMENT = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
PUBLISH_TIMES = {
    "past": MOMENT - timedelta(hours=1),
    "now": MOMENT,
    "future": MOMENT + timedelta(hours=1),
    "missing": None,
}
CASES = [(status, when) for status in Recap.Status for when in PUBLISH_TIMES]


def storable(status, published_at):
    return not (status == Recap.Status.PUBLISHED and published_at is None)


def condition_holds(status, published_at):
    """What the database answers for the queryset's condition on these values, whether or not
    a row could hold them (a published recap without a publish time cannot be stored)."""
    return (
        Recap.objects.annotate(
            candidate_status=Value(status, CharField()),
            candidate_published_at=Value(published_at, DateTimeField()),
        )
        .filter(published_condition(MOMENT, through="candidate_"))
        .exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "when"), CASES)
def test_the_published_queryset_agrees_with_the_instance_predicate(episode, status, when):
    published_at = PUBLISH_TIMES[when]
    recap = make_recap(episode, published=False)  # a row for the condition to be asked on
    visible = is_visible(status, published_at, MOMENT)
    assert condition_holds(status, published_at) == visible
    if storable(status, published_at):
        Recap.objects.filter(pk=recap.pk).update(status=status, published_at=published_at)
        recap.refresh_from_db()
        with time_machine.travel(MOMENT, tick=False):
            assert recap.is_published == visible
            assert Recap.objects.published().filter(pk=recap.pk).exists() == visible


@pytest.mark.parametrize(
    ("when", "visible"), [("past", True), ("now", True), ("future", False), ("missing", False)]
)
def test_a_published_recap_is_visible_once_its_publish_time_has_come(when, visible):
    assert is_visible(Recap.Status.PUBLISHED, PUBLISH_TIMES[when], MOMENT) == visible


@pytest.mark.parametrize("status", [s for s in Recap.Status if s != Recap.Status.PUBLISHED])
@pytest.mark.parametrize("when", PUBLISH_TIMES)
def test_a_recap_that_is_not_published_is_never_visible(status, when):
    assert not is_visible(status, PUBLISH_TIMES[when], MOMENT)


@pytest.mark.parametrize(("status", "when"), CASES)
def test_the_published_state_is_the_visible_one_and_scheduled_the_one_to_come(status, when):
    published_at = PUBLISH_TIMES[when]
    state = state_of(status, published_at, MOMENT)
    if is_visible(status, published_at, MOMENT):
        assert state == Recap.State.PUBLISHED
    elif status == Recap.Status.PUBLISHED and published_at is not None:
        assert state == Recap.State.SCHEDULED
    else:
        assert state == Recap.State(status)


@pytest.mark.django_db
def test_the_database_refuses_a_published_recap_without_a_publish_time(episode):
    recap = make_recap(episode, published=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recap.objects.filter(pk=recap.pk).update(status=Recap.Status.PUBLISHED, published_at=None)
