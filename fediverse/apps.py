from django.apps import AppConfig


class FediverseConfig(AppConfig):
    name = "fediverse"
    verbose_name = "Fediverse (ActivityPub)"

    def ready(self):
        from . import signals  # noqa: F401
