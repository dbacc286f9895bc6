"""discussion.rules.verdict: whether a post may be stored and how, from facts alone (no
database, no request)."""

import pytest

from discussion import rules

from .test_rules import POLICY, submission


def attempt(**facts):
    values = {"submission": submission()}
    values.update(facts)
    return rules.Attempt(**values)


def test_a_clean_post_from_a_known_commenter_is_accepted():
    assert rules.verdict(attempt(), POLICY) == rules.Decision(rules.APPROVED)


def test_a_first_time_commenter_is_held_with_the_reason():
    decision = rules.verdict(attempt(submission=submission(known_commenter=False)), POLICY)
    assert decision == rules.Decision(rules.HELD, ("first-time commenter",))


def test_a_blocked_word_is_spam():
    decision = rules.verdict(attempt(submission=submission(text="casino")), POLICY)
    assert decision == rules.Decision(rules.SPAM, ("blocked word",))


@pytest.mark.parametrize(
    ("facts", "why"),
    [
        ({"over_rate_limit": True}, rules.RATE_LIMITED),
        ({"recap_found": False, "submission": None}, rules.NO_RECAP),
        ({"security_errors": frozenset({"security_hash"})}, rules.TAMPERED),
        ({"security_errors": frozenset({"timestamp", "security_hash"})}, rules.TAMPERED),
        ({"closed_reason": "Closed after spoilers."}, rules.CLOSED),
        ({"security_errors": frozenset({"timestamp"})}, rules.TOO_OLD),
        ({"fields_valid": False, "submission": None}, rules.INVALID),
        ({"reply_to": 7, "parent_level": None}, rules.NOT_A_PARENT),
        ({"reply_to": 7, "parent_level": 2, "max_level": 2}, rules.TOO_DEEP),
    ],
)
def test_each_refusal_names_its_reason(facts, why):
    assert rules.verdict(attempt(**facts), POLICY) == rules.Decision(rules.REFUSED, (why,))


def test_a_reply_under_the_deepest_level_is_judged_like_any_comment():
    decision = rules.verdict(attempt(reply_to=7, parent_level=1, max_level=2), POLICY)
    assert decision.status == rules.APPROVED


def test_the_rate_limit_comes_before_everything_else():
    facts = attempt(over_rate_limit=True, recap_found=False, closed_reason="Closed.")
    assert rules.verdict(facts, POLICY).reasons == (rules.RATE_LIMITED,)


def test_a_closed_recap_is_refused_before_a_too_old_form_is_sent_back():
    facts = attempt(closed_reason="Closed.", security_errors=frozenset({"timestamp"}))
    assert rules.verdict(facts, POLICY).reasons == (rules.CLOSED,)


def test_a_tampered_form_is_refused_before_the_recap_being_closed():
    facts = attempt(closed_reason="Closed.", security_errors=frozenset({"security_hash"}))
    assert rules.verdict(facts, POLICY).reasons == (rules.TAMPERED,)


def test_refusals_come_before_the_spam_rules():
    facts = attempt(reply_to=7, submission=submission(text="casino"))
    assert rules.verdict(facts, POLICY).status == rules.REFUSED


def test_the_verdict_changes_nothing_it_is_given():
    facts = attempt(submission=submission(known_commenter=False))
    before = repr(facts)
    rules.verdict(facts, POLICY)
    assert repr(facts) == before
