"""Which reader pages a cache tag names, for the front caches that purge by address."""

from django.urls import reverse
from taggit.models import Tag

from pagecache import tags as cache_tags
from people.models import Person
from recaps.models import Recap
from shows.models import Show


def paths_of(tags):
    """The reader pages that cache tags name by themselves, for purgers that purge addresses
    (`pagecache.front_purgers`)."""
    paths = set()
    for tag in tags:
        kind, _, pk = tag.partition(":")
        if tag in (cache_tags.RECAPS, cache_tags.SITE):
            paths.add(reverse("recaps:home"))
        elif tag == cache_tags.SHOWS:
            paths.add(reverse("shows:list"))
        elif kind in ("recap", "show", "person", "tag") and pk.isdigit():
            path = page_of(kind, int(pk))
            if path:
                paths.add(path)
    return sorted(paths)


def page_of(kind, pk):
    if kind == "tag":
        slug = Tag.objects.filter(pk=pk).values_list("slug", flat=True).first()
        return slug and reverse("recaps:tag", kwargs={"slug": slug})
    model = {"recap": Recap, "show": Show, "person": Person}[kind]
    instance = model.objects.filter(pk=pk).first()
    return instance and instance.get_absolute_url()
