from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo publication `make run` serves: its catalogue, articles, artwork, comments and
    ratings, and the commands that load them (development only)."""

    name = "demo"
    verbose_name = "Demo content"
