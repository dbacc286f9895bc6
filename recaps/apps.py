from django.apps import AppConfig
from django.db.models.signals import post_migrate
from taggit import apps as taggit_apps


class RecapsConfig(AppConfig):
    name = "recaps"
    verbose_name = "Recaps"

    def ready(self):
        from .roles import ensure_roles

        # Each app's permissions are created when it has migrated: the chief editors' come
        # from sitesettings and axes, which migrate after recaps.
        for label in ("recaps", "sitesettings", "axes"):
            post_migrate.connect(
                ensure_roles,
                sender=self.apps.get_app_config(label),
                dispatch_uid=f"recaps.ensure_roles.{label}",
            )


class TaggitConfig(taggit_apps.TaggitAppConfig):
    """Tags are the recaps' (recaps.TaggedRecap, recaps.tag_admin): in the admin they are under
    "Recaps", not "Taggit" (core.admin_site)."""

    # Named in INSTALLED_APPS; not what "recaps" there means.
    default = False

    verbose_name = RecapsConfig.verbose_name
    admin_host = "recaps"
