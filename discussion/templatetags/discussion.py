from django import template
from django.conf import settings

from pagecache import tags as cache_tags
from pagecache.tags import cached_fragment

from .. import markup
from ..forms import CommentForm
from ..models import Moderation
from ..moderation import closed_reason
from ..threads import thread_page

register = template.Library()


def page_number(request):
    value = request.GET.get("comments", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1


@register.simple_tag(takes_context=True)
def recap_discussion(context, recap):
    """What the recap page shows of its comments: count, a page of threads, this browser's
    held comments and the form (or why comments are closed). One query, plus the session when
    it has a cookie. Read once at the top of the page, whose byline shows the count; render
    it with `{% recap_comments recap discussion %}`."""
    request = context["request"]
    number = page_number(request)
    # The same for every reader (held comments are added below): kept until a comment of the
    # recap is posted, approved or removed.
    page = cached_fragment(
        "comment-page",
        [cache_tags.comments(recap.pk)],
        build=lambda: thread_page(recap, number),
        key_parts=(recap.pk, number),
    )
    shown = {node.comment.pk for node in page.threads}
    held = []
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        held = [
            item
            for item in request.session.get("held_comments", [])
            if item["recap"] == recap.pk and item["pk"] not in shown
        ]
    reason = closed_reason(recap)
    return {
        "recap": recap,
        "page": page,
        "comment_count": page.comment_count,
        "held": held,
        "closed_reason": reason,
        "form": None if reason else CommentForm(recap),
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
        "request": request,
    }


@register.inclusion_tag("discussion/comments.html", takes_context=True)
def recap_comments(context, recap, discussion=None):
    """The recap page's comments section, from `recap_discussion` (read here when not given)."""
    return discussion or recap_discussion(context, recap)


@register.simple_tag
def held_comment_count():
    return Moderation.objects.filter(status=Moderation.Status.HELD).count()


@register.filter(is_safe=True)
def comment_text(value):
    """A comment as readers see it: escaped text with line breaks, spoilers collapsed."""
    return markup.to_html(value)


@register.filter
def hide_spoilers(value):
    """A comment for plain-text e-mail: each spoiler replaced by "[spoiler hidden]"."""
    return markup.masked(value)
