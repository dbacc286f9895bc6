"""A post's comments as threaded comments on its recap, each with a moderation status:
approved ones public, held ones in the moderation queue; pingbacks, trackbacks, spam and trash
are counted and left out. Replies deeper than threads go join the deepest level."""

import ipaddress
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from recaps.models import Recap

from . import content, wxr
from .models import WordPressOrigin

Kind = WordPressOrigin.Kind
BASE_FIELDS = [f for f in BaseComment._meta.concrete_fields if not f.primary_key]
XTD_COLUMNS = (
    "comment_ptr_id",
    "thread_id",
    "parent_id",
    "level",
    "order",
    "followup",
    "nested_count",
)


def import_comments(state, item, recap):
    """Comments an earlier run imported are updated only when their status changed."""
    counts = state.report.counts
    kept = {}
    for comment in item.comments:
        if comment.type in ("pingback", "trackback"):
            counts["comments_left_out"] += 1
            counts[f"comments_{comment.type}"] += 1
            continue
        if comment.approved not in ("1", "0"):
            counts["comments_left_out"] += 1
            counts["comments_spam" if comment.approved == "spam" else "comments_trash"] += 1
            continue
        kept[comment.id] = comment
    if not kept:
        return
    status_of = {
        cid: Moderation.Status.APPROVED if c.approved == "1" else Moderation.Status.HELD
        for cid, c in kept.items()
    }
    known = {cid for cid in kept if (Kind.COMMENT, str(cid)) in state.origins}
    changed = [cid for cid in known if state.origins[(Kind.COMMENT, str(cid))][1] != status_of[cid]]
    counts["comments_unchanged"] += len(known) - len(changed)
    for cid in changed:
        pk = state.origins[(Kind.COMMENT, str(cid))][0]
        status = status_of[cid]
        XtdComment.norel_objects.filter(pk=pk).update(**Moderation.FLAGS[status])
        Moderation.objects.update_or_create(comment_id=pk, defaults={"status": status})
        state.remember(Kind.COMMENT, cid, XtdComment(pk=pk), status)
        counts["comments_public" if status == Moderation.Status.APPROVED else "comments_held"] += 1
    new = [cid for cid in kept if cid not in known]
    if not new:
        return
    if known:
        _save_comments_one_by_one(state, kept, new, recap, status_of)
    else:
        _bulk_create_threads(state, kept, recap, status_of)


def _comment(state, comment, recap, status):
    try:
        ip = str(ipaddress.ip_address(comment.ip)) if comment.ip else None
    except ValueError:
        ip = None
    url = comment.url if comment.url.startswith(("http://", "https://")) else ""
    return XtdComment(
        content_type=state.ct[Recap],
        object_pk=str(recap.pk),
        site_id=state.site.pk,
        user_name=comment.author[:50],
        user_email=comment.email[:254],
        user_url=url[:200],
        comment=content.plain_text(comment.content) or "(empty)",
        submit_date=wxr.parse_date(comment.date_gmt) or timezone.now(),
        ip_address=ip,
        **Moderation.FLAGS[status],
    )


def _bulk_create_threads(state, kept, recap, status_of):
    """Every comment of the post at once, with xtd's thread fields computed here: a fixed
    number of queries (one insert per thread level) however many comments there are."""
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    children = defaultdict(list)
    roots = []
    for cid, comment in sorted(kept.items(), key=lambda pair: (pair[1].date_gmt, pair[0])):
        if comment.parent in kept and comment.parent != cid:
            children[comment.parent].append(cid)
        else:
            roots.append(cid)
    objects, by_level = {}, defaultdict(list)
    parent_of, root_of = {}, {}
    for root in roots:
        order = 0
        stack = [(root, 0, None)]
        seen = set()
        while stack:
            cid, depth, parent = stack.pop()
            if cid in seen:
                continue
            seen.add(cid)
            order += 1
            level = min(depth, max_level)
            if depth > max_level:
                parent = parent_of[parent]  # deeper than threads go: a sibling instead
            obj = _comment(state, kept[cid], recap, status_of[cid])
            obj.level, obj.order = level, order
            objects[cid] = obj
            parent_of[cid], root_of[cid] = parent if parent is not None else cid, root
            by_level[level].append(cid)
            for child in reversed(children.get(cid, [])):
                stack.append((child, depth + 1, cid))
    for cid in objects:
        node = cid
        while parent_of[node] != node:
            node = parent_of[node]
            objects[node].nested_count += 1
    # XtdComment extends django-comments' Comment (multi-table), which bulk_create refuses:
    # the Comment rows go in one bulk insert, xtd's thread rows in one executemany.
    bases = BaseComment.objects.bulk_create(
        [
            BaseComment(**{f.attname: getattr(obj, f.attname) for f in BASE_FIELDS})
            for obj in objects.values()
        ]
    )
    for obj, base in zip(objects.values(), bases, strict=True):
        obj.pk = obj.id = obj.comment_ptr_id = base.pk
    for cid, obj in objects.items():
        obj.parent_id = objects[parent_of[cid]].pk
        obj.thread_id = objects[root_of[cid]].pk
    table = connection.ops.quote_name(XtdComment._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in XTD_COLUMNS)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(XTD_COLUMNS))})",
            [
                (
                    obj.pk,
                    obj.thread_id,
                    obj.parent_id,
                    obj.level,
                    obj.order,
                    False,
                    obj.nested_count,
                )
                for obj in objects.values()
            ],
        )
    _finish_comments(state, objects, status_of)


def _save_comments_one_by_one(state, kept, new, recap, status_of):
    """New replies in a newer export of an already imported post: xtd places each."""
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    objects = {}
    for cid in sorted(new, key=lambda c: (kept[c].date_gmt, c)):
        obj = _comment(state, kept[cid], recap, status_of[cid])
        parent = kept[cid].parent
        parent_key = (Kind.COMMENT, str(parent))
        if parent in objects:
            obj.parent_id = objects[parent].pk
        elif parent_key in state.origins:
            obj.parent_id = state.origins[parent_key][0]
        if obj.parent_id:
            level = (
                XtdComment.norel_objects.filter(pk=obj.parent_id)
                .values_list("level", flat=True)
                .first()
            )
            if level is not None and level >= max_level:
                obj.parent_id = XtdComment.norel_objects.get(pk=obj.parent_id).parent_id
        obj.save()
        objects[cid] = obj
    _finish_comments(state, objects, status_of)


def _finish_comments(state, objects, status_of):
    counts = state.report.counts
    Moderation.objects.bulk_create(
        [
            Moderation(
                comment=obj,
                status=status_of[cid],
                reasons="imported from WordPress",
                decided_at=obj.submit_date
                if status_of[cid] == Moderation.Status.APPROVED
                else None,
            )
            for cid, obj in objects.items()
        ],
        ignore_conflicts=True,
    )
    for cid, obj in objects.items():
        held = status_of[cid] == Moderation.Status.HELD
        counts["comments_held" if held else "comments_public"] += 1
        state.remember(Kind.COMMENT, cid, obj, status_of[cid])
