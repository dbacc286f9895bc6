"""discussion.rules: the moderation rules as pure functions."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from discussion import rules

NOW = datetime(2024, 1, 31, 12, tzinfo=UTC)
POLICY = rules.Policy(
    moderation_words=["spoiler"],
    block_words=["casino"],
    block_emails=["bad@example.com", "@spam.test"],
    block_ips=["203.0.113.0/24", "198.51.100.7"],
)


def submission(**fields):
    values = {
        "text": "Nice recap.",
        "name": "Ji-woo",
        "email": "jiwoo@example.com",
        "url": "",
        "ip": "192.0.2.1",
        "served_at": 100.0,
        "posted_at": 110.0,
        "known_commenter": True,
    }
    values.update(fields)
    return rules.Submission(**values)


def test_known_commenter_with_plain_text_is_approved():
    assert rules.decide(submission(), POLICY).status == rules.APPROVED


def test_first_time_commenter_is_held():
    decision = rules.decide(submission(known_commenter=False), POLICY)
    assert decision == rules.Decision(rules.HELD, ("first-time commenter",))


def test_two_links_pass_but_three_are_held():
    two = "see https://a.example and www.b.example"
    assert rules.decide(submission(text=two), POLICY).status == rules.APPROVED
    decision = rules.decide(submission(text=two + " http://c.example"), POLICY)
    assert decision.status == rules.HELD
    assert "3 links" in decision.reasons


def test_moderation_word_is_held_whole_words_only_ignoring_case():
    assert rules.decide(submission(text="Big SPOILER ahead"), POLICY).status == rules.HELD
    assert rules.decide(submission(text="spoilers"), POLICY).status == rules.APPROVED


def test_block_word_is_spam_in_any_field():
    assert rules.decide(submission(name="Casino King"), POLICY).status == rules.SPAM


def test_blocked_email_address_and_domain_are_spam():
    assert rules.decide(submission(email="BAD@example.com"), POLICY).status == rules.SPAM
    assert rules.decide(submission(email="x@spam.test"), POLICY).status == rules.SPAM
    assert rules.decide(submission(email="x@notspam.test"), POLICY).status == rules.APPROVED


def test_blocked_ip_address_and_network_are_spam():
    assert rules.decide(submission(ip="203.0.113.9"), POLICY).status == rules.SPAM
    assert rules.decide(submission(ip="198.51.100.7"), POLICY).status == rules.SPAM
    assert rules.decide(submission(ip="198.51.100.8"), POLICY).status == rules.APPROVED


def test_malformed_ip_entries_and_addresses_are_ignored():
    assert not rules.ip_blocked("not-an-ip", ["203.0.113.0/24"])
    assert not rules.ip_blocked("192.0.2.1", ["garbage", "300.1.1.1"])


def test_filled_honeypot_is_spam():
    assert rules.decide(submission(honeypot="x"), POLICY).status == rules.SPAM


def test_posted_under_three_seconds_is_spam_and_three_seconds_is_not():
    assert rules.decide(submission(posted_at=102.9), POLICY).status == rules.SPAM
    assert rules.decide(submission(posted_at=103.0), POLICY).status == rules.APPROVED


def test_spam_wins_over_hold():
    decision = rules.decide(submission(known_commenter=False, honeypot="x"), POLICY)
    assert decision.status == rules.SPAM


def test_closed_by_hand_gives_the_editors_reason():
    assert rules.closed_reason(NOW, NOW, True, 30, "Spoilers.") == "Spoilers."
    assert "closed" in rules.closed_reason(NOW, NOW, True, 30)


def test_closes_after_thirty_days_by_default_and_zero_never_closes():
    assert rules.closed_reason(NOW - timedelta(days=30), NOW, False, 30) == ""
    assert "30 days" in rules.closed_reason(NOW - timedelta(days=31), NOW, False, 30)
    assert rules.closed_reason(NOW - timedelta(days=3000), NOW, False, 0) == ""


def test_split_list_takes_lines_and_commas():
    assert rules.split_list(" A \n\nb, c ") == ["a", "b", "c"]


@settings(max_examples=30, deadline=None)
@given(text=st.text(max_size=300), name=st.text(max_size=60), email=st.text(max_size=60))
def test_decide_never_fails_on_hostile_text(text, name, email):
    decision = rules.decide(submission(text=text, name=name, email=email, ip=email), POLICY)
    assert decision.status in {rules.APPROVED, rules.HELD, rules.SPAM}
