"""Mail about comments, sent by the task worker (`manage.py run_worker`), never in a request;
each message goes through discussion.mail.send_once, so a task run twice mails no one twice."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django_comments_xtd import signed
from django_comments_xtd.models import XtdComment

from .mail import send_once
from .models import MailDelivery
from .threads import public

MODERATORS_GROUP = "Moderators"


def moderator_addresses():
    users = get_user_model().objects.filter(
        Q(groups__name=MODERATORS_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


@task
def notify_moderators(comment_pk):
    """Tell moderators a comment waits for them, a message each (no moderator sees another's
    address); returns how many addresses were written to."""
    comment = XtdComment.objects.filter(pk=comment_pk).first()
    recipients = moderator_addresses()
    if comment is None or not recipients:
        return 0
    site = Site.objects.get_current()
    context = {
        "comment": comment,
        "recap": comment.content_object,
        "site": site,
        "queue_url": reverse("admin:django_comments_xtd_xtdcomment_changelist") + "?status=held",
    }
    subject = f"[{site.name}] A comment awaits moderation"
    body = render_to_string("discussion/email/held.txt", context)
    for address in recipients:
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        send_once(comment, MailDelivery.Kind.HELD, message)
    return len(recipients)


def followers(comment):
    """Who follows the discussion `comment` joins: per address, the latest public comment on
    the same recap whose author asked for replies (django-comments-xtd's `followup`), the
    comment's own author left out."""
    earlier = public(
        XtdComment.objects.filter(
            content_type=comment.content_type, object_pk=comment.object_pk, followup=True
        )
    ).exclude(user_email=comment.user_email)
    return list({follower.user_email: follower for follower in earlier.order_by("pk")}.values())


@task
def notify_followers(comment_pk):
    """django-comments-xtd's follow-up mail, with its signed unsubscribe link, for a public
    comment. Its own notify_comment_followers sends from inside one loop with no way to record
    each message, so the loop is here, with its templates and signing."""
    comment = public(XtdComment.objects.filter(pk=comment_pk)).first()
    if comment is None:
        return False
    for follower in followers(comment):
        key = signed.dumps(follower, compress=True, extra_key=settings.COMMENTS_XTD_SALT)
        body = render_to_string(
            "django_comments_xtd/email_followup_comment.txt",
            {
                "user_name": follower.user_name,
                "comment": comment,
                "content_object": comment.content_object,
                "mute_url": reverse("comments-xtd-mute", args=[key.decode()]),
                "site": comment.site,
            },
        )
        message = EmailMessage(
            gettext("new comment posted"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [follower.user_email],
        )
        send_once(comment, MailDelivery.Kind.FOLLOWUP, message)
    return True
