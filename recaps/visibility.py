"""What readers may see of stills and tags, and whether an address names something they may not.

A recap is visible by the one rule of `recaps.models.publication` (`Recap.objects.published()`
in a query); a still is visible with its recap, and a tag once a visible recap carries it.
`names_hidden()` reads an address (a redirect's Location) the way this site would serve it, and
says whether it is the page of a recap or a tag, or the file of a still, that readers may not
see: `recaps.middleware` refuses every such redirect, whichever view or middleware made it.
"""

import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import Resolver404, resolve
from taggit.models import Tag

from .models import Recap, RecapSlugRedirect, Still, TaggedRecap, published_condition


def visible_tags():
    """Tags that at least one published recap carries."""
    live_links = TaggedRecap.objects.filter(
        published_condition(through="content_object__"), tag=OuterRef("pk")
    )
    return Tag.objects.filter(Exists(live_links))


def _recap_page_hidden(slug):
    published = Recap.objects.published()
    if published.filter(slug=slug).exists():
        return False
    # An address the recap had before: its page sends readers on (reader.views.recap).
    return not RecapSlugRedirect.objects.filter(old_slug=slug, recap__in=published).exists()


def _tag_page_hidden(slug):
    return not visible_tags().filter(slug=slug).exists()


#: Reader pages whose address names a recap or a tag, by URL name, with what hides them. Other
#: pages (shows, people, lists, feeds) name nothing a reader may not see; previews check who
#: asks for them themselves.
HIDDEN_PAGES = {
    "recaps:detail": _recap_page_hidden,
    "recaps:tag": _tag_page_hidden,
}


def _still_file_hidden(name):
    """Whether the media file `name` is a still of a recap readers may not see: the still's
    upload, or one of its renditions (imagekit names them `<cache dir>/<upload without its
    extension>/<hash>.<format>`)."""
    renditions = f"{settings.IMAGEKIT_CACHEFILE_DIR}/"
    if name.startswith(renditions):
        source = posixpath.dirname(name.removeprefix(renditions))
        stills = Still.objects.filter(image__startswith=f"{source}.")
    else:
        stills = Still.objects.filter(image=name)
    return stills.exclude(recap__in=Recap.objects.published()).exists()


def names_hidden(location):
    """True when `location` (a path, or an absolute URL on any host) is the page of a recap or
    a tag, or the file of a still, that readers may not see (an unknown recap or tag counts
    as one: a redirect to it is refused as well)."""
    path = unquote(urlsplit(location).path)
    media = urlsplit(settings.MEDIA_URL).path
    if path.startswith(media):
        return _still_file_hidden(path.removeprefix(media))
    try:
        match = resolve(path)
    except Resolver404:
        return False
    hidden = HIDDEN_PAGES.get(match.view_name)
    return hidden is not None and hidden(**match.kwargs)
