from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "follows"
    verbose_name = "Followers by e-mail"

    def ready(self):
        from . import signals  # noqa: F401
