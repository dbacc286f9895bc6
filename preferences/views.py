from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.crossorigin import same_origin_only

from . import theme


class HttpResponseSeeOther(HttpResponseRedirect):
    """After a POST, the page is fetched again with GET."""

    status_code = 303


@same_origin_only
@require_POST
def set_theme(request):
    """Remember the theme picked in the footer and go back to the page it was picked on."""
    choice = request.POST.get("theme")
    if choice not in theme.CHOICES:
        return render(
            request,
            "preferences/unknown_theme.html",
            {"title": "That theme does not exist"},
            status=400,
        )
    return theme.remember(
        HttpResponseSeeOther(safe_next(request)), choice, secure=request.is_secure()
    )


def safe_next(request):
    """The `next` page when it is on this site, else the home page (no open redirect)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("recaps:home")
