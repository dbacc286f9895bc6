"""The moderation rules as plain functions of values: no database, no request.

`verdict()` says whether a post may be stored at all and, through `decide()`, with which
status and why; the view gathers the facts (the settings, the sender's rate, the recap, the
form's checks and values, the comment replied to, whether this browser posted an approved
comment under that e-mail) and stores the result (discussion.moderation.store)."""

import ipaddress
import re
from dataclasses import dataclass, field
from datetime import timedelta

APPROVED = "approved"
HELD = "held"
SPAM = "spam"
REFUSED = "refused"

# Why a post is refused: each has its own page and status code (discussion.views).
RATE_LIMITED = "rate limited"
NO_RECAP = "no such recap"
TAMPERED = "form changed"
CLOSED = "comments closed"
TOO_OLD = "form too old"
INVALID = "invalid fields"
NOT_A_PARENT = "not a comment to reply to"
TOO_DEEP = "thread too deep"

LINK = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)


def split_list(text):
    """One entry a line (commas also separate); blanks dropped, lower-cased."""
    return [item.strip().lower() for item in re.split(r"[\n,]", text or "") if item.strip()]


def count_links(text):
    return len(LINK.findall(text or ""))


def matching_words(text, words):
    """The listed words or phrases found in the text, whole words only, ignoring case."""
    lowered = (text or "").lower()
    return [
        word
        for word in words
        if re.search(r"(?<!\w)" + re.escape(word.lower()) + r"(?!\w)", lowered)
    ]


def email_blocked(email, blocked):
    """An entry blocks one address (`someone@example.com`) or a domain (`@example.com`)."""
    email = (email or "").strip().lower()
    domain = email.rpartition("@")[2]
    return any(
        email == entry or (entry.startswith("@") and domain == entry[1:]) for entry in blocked
    )


def ip_blocked(ip, blocked):
    """An entry is an address or a network (`203.0.113.0/24`); malformed entries are ignored."""
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return False
    for entry in blocked:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def too_fast(served_at, posted_at, min_seconds):
    """Posted sooner after the form was served than a person could read and type."""
    return posted_at - served_at < min_seconds


def closed_reason(published_at, now, closed_by_hand, close_after_days, reason=""):
    """Why comments on a recap are closed, or "" when they are open."""
    if closed_by_hand:
        return reason or "Comments on this recap have been closed by the editors."
    if close_after_days and published_at and now - published_at > timedelta(close_after_days):
        return f"Comments close {close_after_days} days after a recap is published."
    return ""


@dataclass(frozen=True)
class Policy:
    min_seconds: int = 3
    max_links: int = 2
    moderation_words: list = field(default_factory=list)
    block_words: list = field(default_factory=list)
    block_emails: list = field(default_factory=list)
    block_ips: list = field(default_factory=list)


@dataclass(frozen=True)
class Submission:
    text: str
    name: str
    email: str
    url: str
    ip: str
    served_at: float
    posted_at: float
    honeypot: str = ""
    known_commenter: bool = False


@dataclass(frozen=True)
class Decision:
    status: str
    reasons: tuple = ()


def decide(submission, policy):
    """Spam first (silently kept out of sight), then holds, else approved."""
    every_field = " ".join([submission.text, submission.name, submission.url])
    spam = []
    if matching_words(every_field, policy.block_words):
        spam.append("blocked word")
    if email_blocked(submission.email, policy.block_emails):
        spam.append("blocked e-mail")
    if ip_blocked(submission.ip, policy.block_ips):
        spam.append("blocked IP address")
    if submission.honeypot:
        spam.append("honeypot filled")
    if too_fast(submission.served_at, submission.posted_at, policy.min_seconds):
        spam.append(f"posted under {policy.min_seconds} s after the form was served")
    if spam:
        return Decision(SPAM, tuple(spam))

    held = []
    if not submission.known_commenter:
        held.append("first-time commenter")
    links = count_links(every_field)
    if links > policy.max_links:
        held.append(f"{links} links")
    if matching_words(every_field, policy.moderation_words):
        held.append("moderation word")
    if held:
        return Decision(HELD, tuple(held))
    return Decision(APPROVED)


@dataclass(frozen=True)
class Attempt:
    """What is known of a post before anything is stored. A fact that cannot be known because
    an earlier one refuses the post (no recap, so no form) keeps its default."""

    over_rate_limit: bool = False
    recap_found: bool = True
    # The hidden fields that fail their check (content type, object, timestamp, signature).
    security_errors: frozenset = frozenset()
    closed_reason: str = ""
    fields_valid: bool = True
    reply_to: int = 0
    # The level of the comment replied to, if it is a public comment of the same recap.
    parent_level: int | None = None
    max_level: int = 2
    submission: Submission | None = None


def refused(why):
    return Decision(REFUSED, (why,))


def verdict(attempt, policy):
    """Refused (the reason first in `reasons`), else `decide()`'s status for the submission.
    A form whose only fault is its age is refused as too old after the other refusals, so a
    reader is not asked to send again a comment that could not be taken anyway."""
    if attempt.over_rate_limit:
        return refused(RATE_LIMITED)
    if not attempt.recap_found:
        return refused(NO_RECAP)
    too_old = attempt.security_errors == {"timestamp"}
    if attempt.security_errors and not too_old:
        return refused(TAMPERED)
    if attempt.closed_reason:
        return refused(CLOSED)
    if too_old:
        return refused(TOO_OLD)
    if not attempt.fields_valid or attempt.submission is None:
        return refused(INVALID)
    if attempt.reply_to:
        if attempt.parent_level is None:
            return refused(NOT_A_PARENT)
        if attempt.parent_level >= attempt.max_level:
            return refused(TOO_DEEP)
    return decide(attempt.submission, policy)
