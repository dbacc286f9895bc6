from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Episode desk"

    def ready(self):
        from . import moves

        moves.connect()
