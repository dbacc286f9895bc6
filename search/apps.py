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

        from people.models import Credit, Person
        from shows.models import Show

        from . import names

        for model, refresh, forget in (
            (Show, names.refresh_show, names.forget_show),
            (Person, names.refresh_person, names.forget_person),
            (Credit, names.refresh_credit, names.forget_credit),
        ):
            uid = f"search.names.{model.__name__}"
            post_save.connect(refresh, sender=model, dispatch_uid=f"{uid}.refresh")
            post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}.forget")
