from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site_settings(request):
    """`site_settings` in every template, loaded (from the cache) only when a template uses it."""
    return {"site_settings": SimpleLazyObject(SiteSettings.load)}
