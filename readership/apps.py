from django.apps import AppConfig


class ReadershipConfig(AppConfig):
    name = "readership"
    verbose_name = "What readers read"
