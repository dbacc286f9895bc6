"""Mail about comments, sent by the task worker (`manage.py db_worker`), never in a request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from django_comments_xtd.views import notify_comment_followers

from .threads import public

MODERATORS_GROUP = "Moderators"


def moderator_addresses():
    users = get_user_model().objects.filter(
        Q(groups__name=MODERATORS_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


@task
def notify_moderators(comment_pk):
    """Tell moderators a comment waits for them; returns how many addresses were written to."""
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
    send_mail(
        f"[{site.name}] A comment awaits moderation",
        render_to_string("discussion/email/held.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    return len(recipients)


@task
def notify_followers(comment_pk):
    """django-comments-xtd's follow-up mail (with its signed unsubscribe link) for a public
    comment."""
    comment = public(XtdComment.objects.filter(pk=comment_pk)).first()
    if comment is None:
        return False
    notify_comment_followers(comment)
    return True
