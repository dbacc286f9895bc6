from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Episode desk"

    def ready(self):
        from . import moves
        from .roles import grant_desk_permissions

        moves.connect()
        post_migrate.connect(grant_desk_permissions, sender=self, dispatch_uid="desk.roles")
