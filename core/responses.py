"""What the reader's small forms (spoiler mark, theme, rating) answer: a 303 back to the page
the form was on, or a readable refusal that says nothing was changed."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

# A longer `next` is not one of our pages (and Django refuses to redirect past 2,048 characters).
MAX_NEXT_LENGTH = 1000


def back_to(request, fallback):
    """A See Other to the form's `next` when it is a page of this site (never an open
    redirect), else to `fallback`. See Other makes the browser follow with a GET, so reloading
    the page it lands on does not post the form again."""
    target = request.POST.get("next", "")
    if not (
        target.startswith("/")
        and len(target) <= MAX_NEXT_LENGTH
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = fallback
    return HttpResponseRedirect(target, status=303)


def refused(request, status, title, reasons, back_url=None, back_text=None):
    """A 4xx page saying why the form was refused; `reasons` is one sentence or a list."""
    response = render(
        request,
        "refused.html",
        {
            "title": title,
            "reasons": [reasons] if isinstance(reasons, str) else list(reasons),
            "back_url": back_url,
            "back_text": back_text,
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
