from django.apps import AppConfig


class SpoilersConfig(AppConfig):
    name = "spoilers"
    verbose_name = "Spoiler-safe reading"
