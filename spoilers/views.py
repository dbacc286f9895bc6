"""The one form behind the spoiler controls: it sets the reader's mark and goes back."""

from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.crossorigin import same_origin_only
from core.responses import back_to, refused

from . import marks
from .forms import MarkForm


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
