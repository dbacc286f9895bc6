"""The addresses the site's actors and objects have in the fediverse. Every id is absolute and
starts with FEDIVERSE_BASE_URL (the site's public address), whatever host a request came on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

SITE = "site"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ACTIVITY_JSON = "application/activity+json"
LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def absolute(path):
    return settings.FEDIVERSE_BASE_URL.rstrip("/") + path


def domain():
    """The host (and port, when it is not the scheme's) in every handle: @slug@domain."""
    return urlsplit(settings.FEDIVERSE_BASE_URL).netloc


def show_owner(show):
    return f"show-{show.pk}"


def actor_url(show):
    return absolute(reverse("fediverse:show_actor", args=[show.slug]))


def site_actor_url():
    return absolute(reverse("fediverse:site_actor"))


def owner_actor_url(owner, show=None):
    return site_actor_url() if owner == SITE else actor_url(show)


def key_id(actor):
    return f"{actor}#main-key"


def show_collection(show, name):
    return absolute(reverse(f"fediverse:show_{name}", args=[show.slug]))


def shared_inbox():
    return absolute(reverse("fediverse:shared_inbox"))


def article_url(recap):
    return absolute(reverse("fediverse:article", args=[recap.pk]))


def activity_url(recap, kind, stamp):
    """Create has one id per recap; each Update and Delete gets its own (Mastodon ignores an
    Update whose id it has seen)."""
    suffix = "create" if kind == "Create" else f"{kind.lower()}-{int(stamp.timestamp())}"
    return f"{article_url(recap)}#{suffix}"


def handle(show):
    return f"{show.slug}@{domain()}"
