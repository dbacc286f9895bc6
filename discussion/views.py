"""Posting a comment: django-comments-xtd's form, model and moderator, with what its own post
view lacks — a same-origin check in place of a CSRF token, a per-IP rate limit, a
published-and-open recap, replies checked against the recap and the thread depth, the signed
timestamp and honeypot judged by discussion.rules, and a form that is stored once however often
it is sent."""

import hashlib
import time
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_comments.signals import comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment, XtdComment

from core.client_address import client_ip
from core.crossorigin import same_origin_only
from core.ratelimit import over_limit
from recaps.models import Recap

from . import authorship, rules
from .forms import CommentForm
from .models import CommentSettings
from .moderation import closed_reason, is_known_commenter, policy_from, store
from .threads import THREADS_PER_PAGE, public, public_comments

SESSION_KEY = "held_comments"
# What a reader typed, given back in a new form when theirs was too old.
RESENT = ("comment", "name", "email", "url", "followup", "reply_to")
SESSION_LIMIT = 20


def problem(request, status, title, message, recap=None):
    """A readable page for a refused comment, with the right status code."""
    return render(
        request,
        "discussion/problem.html",
        {"title": title, "message": message, "recap": recap},
        status=status,
    )


def published_recap(data):
    if data.get("content_type") != "recaps.recap":
        return None
    object_pk = data.get("object_pk", "")
    if not object_pk.isdigit() or len(object_pk) > 18:
        return None
    return Recap.objects.published().select_related("discussion").filter(pk=object_pk).first()


def receipt_for(form):
    data = form.cleaned_data
    text = "\x1f".join(
        [data["security_hash"], data["email"].lower(), data["comment"], str(data["reply_to"])]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def remember_held(request, comment):
    held = [item for item in request.session.get(SESSION_KEY, []) if item["pk"] != comment.pk]
    held.append(
        {
            "pk": comment.pk,
            "recap": int(comment.object_pk),
            "name": comment.user_name,
            "comment": comment.comment,
            "submitted": comment.submit_date.isoformat(),
        }
    )
    request.session[SESSION_KEY] = held[-SESSION_LIMIT:]


def form_again(request, recap, comment_settings):
    """A new form holding what the reader typed, for a form signed here but served longer ago
    than COMMENTS_TIMEOUT: a tab left open, or a copy a cache revalidated (a 304 keeps the old
    form, so reloading might bring back the same one). The reader has had the form for hours,
    so the new one is dated far enough back that sending it at once is not taken for a bot's."""
    typed = {name: request.POST[name] for name in RESENT if name in request.POST}
    typed["followup"] = forms.BooleanField().to_python(request.POST.get("followup"))
    form = CommentForm(recap, initial=typed)
    served = int(time.time()) - comment_settings.min_seconds
    form.initial.update(timestamp=str(served), security_hash=form.initial_security_hash(served))
    return render(
        request,
        "discussion/form_page.html",
        {"form": form, "recap": recap, "too_old": True},
        status=400,
    )


def gather(request, comment_settings):
    """The facts `rules.verdict` judges, with the recap and the bound form they came from.
    Reads nothing for a sender over the rate limit, so a flood from one address costs no
    query; without a published recap there is no form to check."""
    ip = client_ip(request)
    if over_limit("comments", ip, comment_settings.rate_per_minute):
        return rules.Attempt(over_rate_limit=True), None, None
    recap = published_recap(request.POST)
    if recap is None:
        return rules.Attempt(recap_found=False), None, None
    form = CommentForm(recap, data=request.POST)
    security_errors = frozenset(form.security_errors())
    facts = {
        "security_errors": security_errors,
        "closed_reason": closed_reason(recap),
        "fields_valid": form.is_valid(),
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
    }
    if facts["fields_valid"]:
        data = form.cleaned_data
        parent = (
            public_comments(recap).filter(pk=data["reply_to"]).first() if data["reply_to"] else None
        )
        facts.update(
            reply_to=data["reply_to"],
            parent_level=parent.level if parent else None,
            submission=rules.Submission(
                text=data["comment"],
                name=data["name"],
                email=data["email"],
                url=data["url"] or "",
                ip=ip or "",
                served_at=data["timestamp"],
                posted_at=time.time(),
                honeypot=data.get("honeypot", ""),
                known_commenter=is_known_commenter(data["email"], authorship.read(request)),
            ),
        )
    return rules.Attempt(**facts), recap, form


# Refusals answered by the problem page alone: (status, title, message).
PROBLEMS = {
    rules.NO_RECAP: (404, "No such recap", "This recap does not exist or is not published."),
    rules.TAMPERED: (
        400,
        "Please send the form again",
        "The form was changed. Reload the recap and send your comment again; "
        "it is kept below so you can copy it.",
    ),
    rules.NOT_A_PARENT: (
        400,
        "You cannot reply to that comment",
        "Replies go to published comments of the same recap.",
    ),
    rules.TOO_DEEP: (
        400,
        "This thread is as deep as it goes",
        "Replies go three levels deep; reply to an earlier comment in the thread.",
    ),
}


def refusal(request, why, attempt, recap, form, comment_settings):
    """The page for a post `rules.verdict` refused for the reason `why`."""
    if why == rules.RATE_LIMITED:
        response = render(
            request,
            "discussion/rate_limited.html",
            {"per_minute": comment_settings.rate_per_minute},
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    if why == rules.CLOSED:
        return problem(request, 403, "Comments are closed", attempt.closed_reason, recap)
    if why == rules.TOO_OLD:
        return form_again(request, recap, comment_settings)
    if why == rules.INVALID:
        return render(
            request, "discussion/form_page.html", {"form": form, "recap": recap}, status=400
        )
    return problem(request, *PROBLEMS[why], recap)


# No CSRF token: the form sits on the recap page, which must stay cacheable and shared, so it
# cannot carry a per-reader token (and a token's cookie would keep every shared cache off the
# page). same_origin_only exempts the view from CsrfViewMiddleware and puts in its place the
# check every reader form uses (core.crossorigin): a post sent from another site's page is a
# 403 before anything is read or stored, so no other site can comment in a reader's name or
# with their session. Bots that fetch the form themselves were never stopped by a token; the
# signed timestamp, the honeypot (discussion.rules) and the replay receipt deal with them.
@same_origin_only
@require_POST
def post_comment(request):
    """May this be posted (`gather` the facts, `rules.verdict` judges them), then store it
    (`moderation.store`) and send the reader back to the recap."""
    comment_settings = CommentSettings.load()
    attempt, recap, form = gather(request, comment_settings)
    decision = rules.verdict(attempt, policy_from(comment_settings))
    if decision.status == rules.REFUSED:
        return refusal(request, decision.reasons[0], attempt, recap, form, comment_settings)

    tmp = form.get_comment_object(site_id=get_current_site(request).id)
    tmp.ip_address = attempt.submission.ip or None
    if request.user.is_authenticated:
        tmp.user = request.user
    # django-comments-xtd's own checks (who may post) and our moderator's allow().
    for _receiver, response in comment_will_be_posted.send(
        sender=TmpXtdComment, comment=tmp, request=request
    ):
        if response is False:
            return problem(request, 403, "Comments are closed", closed_reason(recap), recap)
    try:
        comment = store(tmp, decision, receipt_for(form))
    except IntegrityError:
        return problem(
            request,
            409,
            "Already received",
            "This comment was already sent with this form; it is stored once.",
            recap,
        )

    if decision.status == rules.APPROVED:
        # The page of threads holding the comment, on this site (django-comments' permalink
        # goes through the Sites framework's domain).
        threads_before = (
            public_comments(recap).filter(level=0, thread_id__lte=comment.thread_id).count()
        )
        page = max(1, -(-threads_before // THREADS_PER_PAGE))
        response = redirect(back_to_recap(recap, comment, f"c{comment.pk}", page))
    else:
        remember_held(request, comment)
        response = redirect(back_to_recap(recap, comment, f"comment-held-{comment.pk}"))
    authorship.remember(request, response, comment.pk)
    return response


def back_to_recap(recap, comment, fragment, page=1):
    """The recap at an address no cache holds yet: reader pages are cached publicly for a
    while, and the browser (or a CDN) would otherwise show the copy from before the comment.
    `posted` changes nothing on the page; the page cache passes unknown parameters through."""
    query = {"comments": page} if page > 1 else {}
    query["posted"] = comment.pk
    return f"{recap.get_absolute_url()}?{urlencode(query)}#{fragment}"


def reply(request, pk):
    """Without JavaScript, a reply is written on its own page under the comment it answers."""
    comment = get_object_or_404(
        public(XtdComment.norel_objects.select_related("content_type")),
        pk=pk,
        content_type__app_label="recaps",
        content_type__model="recap",
    )
    recap = published_recap({"content_type": "recaps.recap", "object_pk": comment.object_pk})
    if recap is None:
        raise Http404("No such recap")
    if comment.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        return problem(request, *PROBLEMS[rules.TOO_DEEP], recap)
    reason = closed_reason(recap)
    form = None if reason else CommentForm(recap, comment=comment)
    return render(
        request,
        "discussion/reply.html",
        {"comment": comment, "recap": recap, "form": form, "closed_reason": reason},
    )


def thread(request, pk):
    """One whole thread, for "show more replies"."""
    root = get_object_or_404(public(XtdComment.norel_objects), pk=pk, level=0)
    recap = published_recap({"content_type": "recaps.recap", "object_pk": root.object_pk})
    if recap is None:
        raise Http404("No such recap")
    from .threads import nest

    comments = public_comments(recap).filter(thread_id=root.thread_id).order_by("order")
    return render(
        request,
        "discussion/thread.html",
        {"recap": recap, "threads": nest(comments), "root": root},
    )
