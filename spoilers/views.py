"""The form behind the spoiler controls, which sets the reader's mark and goes back, and the
warning a reader gets instead of a recap of an episode after their mark."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.crossorigin import same_origin_only
from core.responses import back_to, refused

from . import marks
from .forms import MarkForm

# `?spoilers=show` on a recap's address: the reader asked to see it anyway.
SHOW_ANYWAY = "show"


@same_origin_only
@require_POST
@never_cache
def mark(request):
    form = MarkForm(request.POST)
    if not form.is_valid():
        show = form.cleaned_data.get("show")
        return refused(
            request,
            400,
            "We could not save what you have watched",
            [error for errors in form.errors.values() for error in errors],
            show.get_absolute_url() if show else None,
            "Go back and choose again",
        )
    show = form.cleaned_data["show"]
    response = back_to(request, show.get_absolute_url() or reverse("recaps:home"))
    marks.save(response, request, form.new_marks(marks.for_request(request)))
    return response


def warning_for(request, episode):
    """The spoiler warning when `episode` comes after the reader's mark for its show, else
    None. Its context is the show, the number and the mark only, so no word of the recap can
    reach the page."""
    watched = marks.for_request(request)
    if not watched.hides(episode.show_id, episode.number):
        return None
    response = TemplateResponse(
        request,
        "spoilers/spoiler_warning.html",
        {"show": episode.show, "number": episode.number, "mark": watched.get(episode.show_id)},
    )
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response
