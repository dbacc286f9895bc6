from django.apps import AppConfig


class ReaderConfig(AppConfig):
    """The public site: every page a reader browses, its URLs, templates and metadata, and the
    queries that feed them."""

    name = "reader"
    verbose_name = "Reader pages"

    def ready(self):
        from . import invalidation

        # Every save or delete that changes a reader page purges the tags of what it changed.
        invalidation.connect()
