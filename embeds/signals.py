"""A saved recap's links are asked about at once (`store.store_embeds`), so a reader's request
never calls a provider. Within the save: the page is purged when the save commits, with its
embeds already stored."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from recaps.models import Recap

from .store import store_embeds


@receiver(post_save, sender=Recap, dispatch_uid="embeds.store_recap_embeds")
def store_recap_embeds(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    fields = Recap.READING_FIELDS
    if update_fields is not None:
        fields = [field for field in fields if field in update_fields]
    # for_lists() defers the long sections: never load them just to look for links.
    loaded = [f for f in fields if f in instance.__dict__]
    if loaded:
        store_embeds(*(getattr(instance, field) for field in loaded))
