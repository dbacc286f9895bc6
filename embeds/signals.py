"""A saved recap's links are asked about at once (`store.store_embeds`), so a reader's request
never calls a provider. Within the save: the page is purged when the save commits, with its
embeds already stored. A refresh that changes what readers see of an embed also purges the
other recaps showing it (found by their text, only then: a refresh is rare)."""

from functools import reduce
from html import escape
from operator import or_

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import tags as cache_tags
from pagecache.purge import invalidate
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
    if not loaded:
        return
    stored = store_embeds(*(getattr(instance, field) for field in loaded))
    changed = [url for url, embed in stored.items() if embed.changed]
    if changed:
        invalidate({cache_tags.recap(pk) for pk in recaps_showing(changed) if pk != instance.pk})


def recaps_showing(urls):
    """The pks of recaps whose text holds any of `urls` (as sanitised HTML writes them; one
    that holds a longer address starting with the same one is purged too, which is harmless)."""
    condition = reduce(
        or_,
        (
            Q(**{f"{field}__contains": escape(url, quote=False)})
            for url in urls
            for field in Recap.READING_FIELDS
        ),
    )
    return Recap.objects.filter(condition).values_list("pk", flat=True)
