from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.templatetags.static import static
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.csp import csp_override
from django.views.generic import RedirectView
from django.views.static import serve

from .stored_images import UNKNOWN_CONTENT_TYPE, content_type


# A day, not forever: the target's name is hashed in production and changes with the icon.
@method_decorator(cache_control(public=True, max_age=24 * 60 * 60), name="dispatch")
class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico wherever a page names no icon (the admin, feeds, files):
    send them to the static one."""

    permanent = True
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


@csp_override({"default-src": [CSP.NONE], "sandbox": True})
def serve_media(request, path):
    """The media folder in development (DEBUG), as nginx serves it in production: image names
    only, with nosniff (SecurityMiddleware) and a CSP that lets a file opened on its own run
    nothing."""
    if content_type(path) == UNKNOWN_CONTENT_TYPE:
        raise Http404("Only images are served from the media folder.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def object_page(request, content_type_id, object_id):
    """Django's `shortcut` (the redirect to an object's page behind the admin's "View on site"
    and the comments' permalinks), for models that have a page. The shortcut looks the object
    up before it asks, and search's index models have a table on SQLite only: on PostgreSQL
    their content type's address was a server error."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except (ObjectDoesNotExist, ValueError, ValidationError):
        model = None
    if not hasattr(model, "get_absolute_url"):
        raise Http404("No page for this kind of object.")
    return shortcut(request, content_type_id, object_id)
