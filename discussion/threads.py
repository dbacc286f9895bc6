"""Reading comments: one query for a page of threads, replies capped per thread."""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Cast, Coalesce, DenseRank, RowNumber
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

THREADS_PER_PAGE = 20
REPLIES_PER_THREAD = 10


def public(comments):
    """The comments of `comments` that readers see and count: public and not removed (spam and
    removed comments are both removed). The one definition; every reader-facing query of
    comments goes through it."""
    return comments.filter(is_public=True, is_removed=False)


def on_recap(comments, recap_pk):
    """The comments of `comments` on the recap `recap_pk` (a value or an expression)."""
    return comments.filter(
        content_type__app_label="recaps", content_type__model="recap", object_pk=recap_pk
    )


def public_comments(recap):
    return public(on_recap(XtdComment.norel_objects, str(recap.pk)))


def with_comment_count(recaps):
    """`recaps` annotated with `comment_count`, each recap's public comments, counted in a
    subquery so a list costs no extra query."""
    counted = (
        public(on_recap(Comment.objects, Cast(OuterRef("pk"), CharField())))
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return recaps.annotate(comment_count=Coalesce(Subquery(counted), 0))


@dataclass
class Node:
    comment: object
    children: list = field(default_factory=list)


@dataclass
class ThreadPage:
    threads: list
    number: int
    thread_count: int
    per_page: int = THREADS_PER_PAGE
    # Every public comment of the recap, on any page: the count readers see.
    comment_count: int = 0

    @property
    def page_count(self):
        return max(1, -(-self.thread_count // self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.page_count


def nest(comments):
    """Comments ordered by (thread_id, order) to a forest of Nodes."""
    nodes, roots = {}, []
    for comment in comments:
        node = nodes[comment.pk] = Node(comment)
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent else roots).append(node)
    return roots


def thread_page(recap, number=1, per_page=THREADS_PER_PAGE, replies=REPLIES_PER_THREAD):
    """A page of threads, oldest first, each with its first `replies` replies and the number
    left out (`comment.hidden_replies` on the thread's first comment), and the recap's count of
    public comments. One query (two for a page past the last)."""
    ranked = (
        public_comments(recap)
        .annotate(
            thread_number=Window(DenseRank(), order_by=F("thread_id").asc()),
            threads_after=Window(DenseRank(), order_by=F("thread_id").desc()),
            place=Window(RowNumber(), partition_by=[F("thread_id")], order_by=F("order").asc()),
            thread_size=Window(Count("pk"), partition_by=[F("thread_id")]),
            comment_count=Window(Count("pk")),
        )
        .filter(
            thread_number__gt=(number - 1) * per_page,
            thread_number__lte=number * per_page,
            place__lte=replies + 1,
        )
        .order_by("thread_id", "order")
    )
    comments = list(ranked)
    if comments:
        thread_count = comments[0].thread_number + comments[0].threads_after - 1
        comment_count = comments[0].comment_count
    else:
        thread_count = 0
        comment_count = public_comments(recap).count() if number > 1 else 0
    for comment in comments:
        comment.hidden_replies = comment.thread_size - min(comment.thread_size, replies + 1)
    return ThreadPage(
        threads=nest(comments),
        number=number,
        thread_count=thread_count,
        comment_count=comment_count,
    )
