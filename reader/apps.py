from django.apps import AppConfig


class ReaderConfig(AppConfig):
    """The public site: every page a reader browses, its URLs, templates and metadata, and the
    queries that feed them."""

    name = "reader"
    verbose_name = "Reader pages"
