from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site building blocks"

    def ready(self):
        from . import mediafiles
        from .sites import sync_site

        mediafiles.connect()

        # core has no models, so post_migrate is never sent for it: follow the sites app's.
        post_migrate.connect(sync_site, dispatch_uid="core.sync_site")
