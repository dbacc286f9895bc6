from django.apps import AppConfig
from django.db.models.signals import post_migrate
from taggit import apps as taggit_apps


class RecapsConfig(AppConfig):
    name = "recaps"
    verbose_name = "Recaps"

    def ready(self):
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="recaps.ensure_roles")


class TaggitConfig(taggit_apps.TaggitAppConfig):
    """Tags are the recaps' (recaps.TaggedRecap, recaps.tag_admin): in the admin they are under
    "Recaps", not "Taggit" (core.admin_site)."""

    # Named in INSTALLED_APPS; not what "recaps" there means.
    default = False

    verbose_name = RecapsConfig.verbose_name
    admin_section = "recaps"
