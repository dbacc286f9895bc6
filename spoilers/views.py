"""The one form behind the spoiler controls: it sets the reader's mark and goes back."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.crossorigin import same_origin_only

from . import marks
from .forms import MarkForm

MAX_NEXT_LENGTH = 2000


@same_origin_only
@require_POST
@never_cache
def mark(request):
    form = MarkForm(request.POST)
    if not form.is_valid():
        show = form.cleaned_data.get("show")
        response = render(
            request,
            "spoilers/mark_refused.html",
            {
                "title": "We could not save what you have watched",
                "errors": [error for errors in form.errors.values() for error in errors],
                "back": safe_next(request, show.get_absolute_url() if show else None),
            },
            status=400,
        )
        response["X-Robots-Tag"] = "noindex"
        return response
    show = form.cleaned_data["show"]
    response = HttpResponseRedirect(safe_next(request, show.get_absolute_url()))
    # See Other: the browser follows with a GET, so reloading the page does not resend the form.
    response.status_code = 303
    marks.save(response, request, form.new_marks(marks.for_request(request)))
    return response


def safe_next(request, fallback):
    """Where to go back to: the form's `next` if it is a page of this site, else `fallback`
    (else the home page)."""
    url = request.POST.get("next", "")
    if len(url) <= MAX_NEXT_LENGTH and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback or reverse("recaps:home")
