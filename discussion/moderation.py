"""Comments on recaps after the rules: whether a recap takes comments, the rules' values from
the comment settings, storing a judged comment and the mail that follows (queued as tasks),
and the moderator django-comments-xtd consults."""

from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from django_comments_xtd.moderation import XtdCommentModerator

from . import rules
from .models import CommentSettings, Moderation
from .signals import announce_approved
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


def is_known_commenter(email, posted):
    """Has a moderator let through a comment this browser posted under `email`? `posted` are
    the ids its signed cookie holds (discussion.authorship); an address alone proves nothing."""
    if not posted:
        return False
    comments = XtdComment.norel_objects.filter(pk__in=posted, user_email__iexact=email)
    return public(comments).exists()


def store(comment, decision, receipt):
    """Write `comment` (django-comments-xtd's unsaved TmpXtdComment) with the flags and the
    moderation record of `decision` (approved, held or spam), and queue the mail that follows:
    moderators hear of held comments, followers of approved replies; spam is silent. The mail
    is sent by the task worker after the transaction commits. Raises IntegrityError when a
    comment with the same `receipt` (the same form) is stored already."""
    from .tasks import notify_followers, notify_moderators

    status = Moderation.Status(decision.status)
    with transaction.atomic():
        fields = {key: value for key, value in comment.items() if key != "xtd_comment"}
        stored = XtdComment(**{**fields, **Moderation.FLAGS[status]})
        stored.save()
        Moderation.objects.update_or_create(
            comment=stored,
            defaults={
                "status": status,
                "reasons": ", ".join(decision.reasons)[:300],
                "receipt": receipt,
                "decided_at": timezone.now() if status != Moderation.Status.HELD else None,
            },
        )
        if status == Moderation.Status.HELD:
            transaction.on_commit(lambda: notify_moderators.enqueue(stored.pk))
        elif status == Moderation.Status.APPROVED:
            transaction.on_commit(lambda: notify_followers.enqueue(stored.pk))
            announce_approved([stored.pk])
    return stored


class RecapModerator(XtdCommentModerator):
    """django-comments-xtd asks its moderator before a comment is posted; the verdict itself
    (discussion.rules.verdict) and the mail (`store`) are ours."""

    def allow(self, comment, content_object, request):
        return content_object.is_published and not closed_reason(content_object)

    def moderate(self, comment, content_object, request):
        # Nothing is public on django-comments' say: `store` sets the flags from the verdict.
        return True

    def email(self, comment, content_object, request):
        """No mail of django-comments-xtd's own: `store` queues ours."""
