"""The editors' dashboard on the admin index: the user's drafts, what waits for review and
what is scheduled. Five queries, whatever the numbers."""

from django import template
from django.utils import timezone

from recaps import workflow
from recaps.models import Recap

register = template.Library()
LIMIT = 10


@register.inclusion_tag("admin/includes/workflow_dashboard.html", takes_context=True)
def workflow_dashboard(context):
    request = context["request"]
    user = request.user
    if not user.has_perm("recaps.view_recap"):
        return {"show": False}
    recaps = Recap.objects.for_lists().select_related("episode__show", "author")
    if not workflow.can_edit_any(user):
        recaps = recaps.filter(author=user)
    now = timezone.now()
    drafts = recaps.filter(author=user, status=Recap.Status.DRAFT).order_by("-updated_at")
    review = recaps.filter(status=Recap.Status.IN_REVIEW).order_by("updated_at")
    scheduled = recaps.filter(status=Recap.Status.PUBLISHED, published_at__gt=now).order_by(
        "published_at"
    )
    return {
        "show": True,
        "drafts": list(drafts[:LIMIT]),
        "review": list(review[:LIMIT]),
        "review_count": review.count(),
        "scheduled": list(scheduled[:LIMIT]),
        "can_review": workflow.can_edit_any(user),
    }
