from django.apps import AppConfig
from taggit import apps as taggit_apps

from . import roles


class RecapsConfig(AppConfig):
    name = "recaps"
    verbose_name = "Recaps"

    role_grants = roles.GRANTS
    role_includes = roles.INCLUDES


class TaggitConfig(taggit_apps.TaggitAppConfig):
    """Tags are the recaps' (recaps.TaggedRecap, recaps.admin.tags): in the admin they are under
    "Recaps", not "Taggit" (core.admin_site)."""

    # Named in INSTALLED_APPS; not what "recaps" there means.
    default = False

    verbose_name = RecapsConfig.verbose_name
    admin_host = "recaps"
