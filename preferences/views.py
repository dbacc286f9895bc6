from django.urls import reverse
from django.views.decorators.http import require_POST

from core.crossorigin import same_origin_only
from core.responses import back_to, refused

from . import theme


@same_origin_only
@require_POST
def set_theme(request):
    """Remember the theme picked in the footer and go back to the page it was picked on."""
    choice = request.POST.get("theme")
    if choice not in theme.CHOICES:
        return refused(
            request,
            400,
            "That theme does not exist",
            "Choose Light, Dark or System at the foot of any page.",
        )
    response = back_to(request, reverse("recaps:home"))
    return theme.remember(response, choice, secure=request.is_secure())
