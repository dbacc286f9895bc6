"""The moderator django-comments-xtd consults for recaps: whether a recap takes comments, how a
new comment is judged (discussion.rules), and the mail that follows (queued as tasks)."""

import time

from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from django_comments_xtd.moderation import XtdCommentModerator

from . import rules
from .models import CommentSettings
from .threads import public


def policy_from(settings):
    return rules.Policy(
        min_seconds=settings.min_seconds,
        max_links=settings.hold_max_links,
        moderation_words=rules.split_list(settings.moderation_words),
        block_words=rules.split_list(settings.block_words),
        block_emails=rules.split_list(settings.block_emails),
        block_ips=rules.split_list(settings.block_ips),
    )


def closed_reason(recap, now=None):
    """Why `recap` takes no comments ("" when it does); reads the closed-by-hand row that the
    recap page selects with the recap."""
    try:
        discussion = recap.discussion
    except recap._meta.get_field("discussion").related_model.DoesNotExist:
        discussion = None
    return rules.closed_reason(
        recap.published_at,
        now or timezone.now(),
        closed_by_hand=bool(discussion and discussion.closed),
        close_after_days=CommentSettings.load().close_after_days,
        reason=discussion.reason if discussion else "",
    )


def is_known_commenter(email):
    return public(XtdComment.norel_objects.filter(user_email__iexact=email)).exists()


class RecapModerator(XtdCommentModerator):
    def allow(self, comment, content_object, request):
        return content_object.is_published and not closed_reason(content_object)

    def decide(self, comment, content_object, request, form):
        return rules.decide(
            rules.Submission(
                text=comment.comment,
                name=comment.user_name,
                email=comment.user_email,
                url=comment.user_url or "",
                ip=comment.ip_address or "",
                served_at=form.cleaned_data["timestamp"],
                posted_at=time.time(),
                honeypot=form.cleaned_data.get("honeypot", ""),
                known_commenter=is_known_commenter(comment.user_email),
            ),
            policy_from(CommentSettings.load()),
        )

    def moderate(self, comment, content_object, request):
        decision = getattr(request, "comment_decision", None)
        return decision is None or decision.status != rules.APPROVED

    def email(self, comment, content_object, request):
        """Queue the mail: moderators hear of held comments, followers of approved replies.
        Spam is silent. Sent by the task worker after the transaction commits."""
        from .tasks import notify_followers, notify_moderators

        stored = comment.xtd_comment if hasattr(comment, "xtd_comment") else comment
        decision = getattr(request, "comment_decision", None)
        if decision is None:
            return
        if decision.status == rules.HELD:
            transaction.on_commit(lambda: notify_moderators.enqueue(stored.pk))
        elif decision.status == rules.APPROVED:
            transaction.on_commit(lambda: notify_followers.enqueue(stored.pk))
