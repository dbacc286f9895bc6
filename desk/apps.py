from django.apps import AppConfig

from . import roles


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Episode desk"
    role_grants = roles.GRANTS

    def ready(self):
        from . import moves

        moves.connect()
