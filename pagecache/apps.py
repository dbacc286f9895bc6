from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from core.cache import after_outage

        from . import tags

        after_outage(tags.after_outage)
