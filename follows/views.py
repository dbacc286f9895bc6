"""The follow form's answer, the confirmation, the manage page, its JSON export and one-click
unsubscribe. Pages reached by a signed link are private and never kept by any cache; the
link's owner is whoever holds the mail, so these pages carry no CSRF cookie and check that
forms come from this site instead (core.crossorigin), as the other reader forms do."""

import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.client_address import client_ip
from core.crossorigin import same_origin_only
from core.ratelimit import over_limit
from core.responses import refused

from . import digests, links, subscriptions, tasks
from .forms import FollowChoiceForm, FollowForm, ManageForm
from .models import Follow


def private(response):
    """Never cached, never indexed, and the link's token never sent on as a Referer."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def bad_link(request, error):
    return private(refused(request, error.status, "This link does not work", error.reason))


def field_errors(form):
    return [f"{error}" for errors in form.errors.values() for error in errors]


@require_POST
@same_origin_only
def follow(request):
    if over_limit("follow", client_ip(request), settings.FOLLOWS_RATE_LIMIT_PER_MINUTE):
        return refused(
            request, 429, "Too many requests", "Too many follow requests from your network."
        )
    form = FollowForm(request.POST)
    if not form.is_valid():
        return refused(request, 400, "We could not take that request", field_errors(form))
    data = form.cleaned_data
    subscriptions.ask(
        data["email"],
        data["show"],
        data["frequency"],
        data["time_zone"],
        data["source"],
        data["wording"],
        client_ip(request),
    )
    # The same answer whatever the address: it never tells who follows what.
    return HttpResponseRedirect(reverse("follows:check_inbox"), status=303)


@require_GET
def check_inbox(request):
    return private(render(request, "follows/check_inbox.html"))


@require_http_methods(["GET", "POST"])
@same_origin_only
def confirm(request, token):
    try:
        follow = links.follow_from(token)
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "POST":
        subscriptions.confirm(follow)
        follow.follower.refresh_from_db()
        context = {"follow": follow, "manage_url": links.manage_url(follow.follower)}
        return private(render(request, "follows/confirmed.html", context))
    return private(render(request, "follows/confirm.html", {"follow": follow, "token": token}))


def manage_context(follower, form=None):
    follows = list(follower.follows.confirmed().select_related("show"))
    return {
        "follower": follower,
        "follows": [
            (item, FollowChoiceForm(prefix=f"f{item.pk}", initial={"frequency": item.frequency}))
            for item in follows
        ],
        "form": form
        or ManageForm(
            initial={
                "digest_weekday": follower.digest_weekday,
                "digest_hour": follower.digest_hour,
                "time_zone": follower.time_zone,
                "paused": follower.paused,
            }
        ),
        "next_digest": follower.next_digest_at,
    }


@require_http_methods(["GET", "POST"])
@same_origin_only
def manage(request, token):
    try:
        follower = links.follower_from(token)
    except links.BadLink as error:
        return bad_link(request, error)
    action = request.POST.get("action")
    if request.method == "POST" and action == "erase":
        subscriptions.erase(follower)
        return private(render(request, "follows/erased.html"))
    if request.method == "POST" and action == "unsubscribe":
        subscriptions.unsubscribe_all(follower)
        return private(render(request, "follows/unsubscribed.html"))
    if request.method == "POST" and action == "save":
        form = ManageForm(request.POST)
        choices = {
            item.pk: FollowChoiceForm(request.POST, prefix=f"f{item.pk}")
            for item in follower.follows.confirmed()
        }
        if not form.is_valid() or not all(choice.is_valid() for choice in choices.values()):
            errors = field_errors(form)
            errors += [e for choice in choices.values() for e in field_errors(choice)]
            return private(
                refused(
                    request,
                    400,
                    "We could not save that",
                    errors,
                    back_url=request.path,
                    back_text="Back to your settings",
                )
            )
        for field, value in form.cleaned_data.items():
            setattr(follower, field, value)
        follower.save(update_fields=list(form.cleaned_data))
        for pk, choice in choices.items():
            if choice.cleaned_data["remove"]:
                Follow.objects.filter(pk=pk).delete()
            else:
                Follow.objects.filter(pk=pk).update(frequency=choice.cleaned_data["frequency"])
        follower.next_digest_at = None  # a new time: the waiting digest task stands down
        digests.schedule(follower, tasks.queue_digest)
        context = {**manage_context(follower), "saved": True, "token": token}
        return private(render(request, "follows/manage.html", context))
    if request.method == "POST":
        return private(refused(request, 400, "We could not save that", "Unknown action."))
    return private(
        render(request, "follows/manage.html", {**manage_context(follower), "token": token})
    )


@require_GET
def export(request, token):
    try:
        follower = links.follower_from(token)
    except links.BadLink as error:
        return bad_link(request, error)
    response = HttpResponse(
        json.dumps(subscriptions.export(follower), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="episodic-follower-data.json"'
    return private(response)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058: mail clients POST `List-Unsubscribe=One-Click` here from their own servers
    (no cookies, no Origin), and the signed token is the authority, so the POST is exempt
    from the CSRF check and unsubscribes at once. A GET (a person, or a link scanner) only
    shows the button."""
    try:
        follower = links.follower_from(token)
    except links.BadLink as error:
        return bad_link(request, error)
    if request.method == "POST":
        subscriptions.unsubscribe_all(follower)
        return private(render(request, "follows/unsubscribed.html"))
    return private(render(request, "follows/unsubscribe.html", {"follower": follower}))
