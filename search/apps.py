from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from recaps.models import Recap

        from .documents import forget_deleted_recap, refresh_saved_recap

        post_save.connect(refresh_saved_recap, sender=Recap, dispatch_uid="search.refresh")
        post_delete.connect(forget_deleted_recap, sender=Recap, dispatch_uid="search.forget")
