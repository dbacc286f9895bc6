from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView


# A day, not forever: the target's name is hashed in production and changes with the icon.
@method_decorator(cache_control(public=True, max_age=24 * 60 * 60), name="dispatch")
class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico wherever a page names no icon (the admin, feeds, files):
    send them to the static one."""

    permanent = True
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
