"""The recap page's comments area: the count, a page of threads, this browser's held
comments and the form, or why comments are closed."""

from django.conf import settings

from pagecache import tags as cache_tags
from pagecache.tags import cached_fragment

from .forms import CommentForm
from .moderation import closed_reason
from .threads import thread_page


def asked_thread_page(request, recap):
    """The page of threads the reader asked for (`?comments=`): the first for a value that is
    not a page number, the last for one past it, so only pages that exist are kept."""
    value = request.GET.get("comments", "1")
    number = int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1
    if number > 1:
        number = min(number, thread_page_kept(recap, 1).page_count)
    return thread_page_kept(recap, number)


def thread_page_kept(recap, number):
    """`thread_page`, the same for every reader (a reader's held comments are added apart):
    kept until a comment of the recap is posted, approved or removed."""
    return cached_fragment(
        "comment-page",
        [cache_tags.comments(recap.pk)],
        build=lambda: thread_page(recap, number),
        key_parts=(recap.pk, number),
    )


def comment_count(recap):
    return thread_page_kept(recap, 1).comment_count


def recap_discussion(request, recap):
    """What the recap page shows of its comments. No query when the page of threads is kept,
    plus the session when the reader has a cookie. Render it with
    `{% recap_comments discussion %}`."""
    page = asked_thread_page(request, recap)
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
