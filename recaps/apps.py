from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RecapsConfig(AppConfig):
    name = "recaps"
    verbose_name = "Recaps"

    def ready(self):
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="recaps.ensure_roles")
