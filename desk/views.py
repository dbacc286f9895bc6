from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import ics


@never_cache
def assignments_ics(request, token):
    """A person's assignments for their calendar app; the signed link is the only key, so it is
    never cached anywhere (a revoked link must stop working at once)."""
    user = ics.user_of(token)
    if user is None:
        raise Http404("No such calendar.")
    desk_url = request.build_absolute_uri(reverse("admin:desk_assignment_changelist"))
    calendar = ics.assignments_calendar(user, request.get_host(), desk_url)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assignments.ics"'
    return response
