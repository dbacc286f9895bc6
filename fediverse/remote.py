"""Other servers' actors: fetched through core.fetch (public addresses only, checked after DNS;
FETCH_ALLOWED_NETWORKS lets tests reach 127.0.0.1), signed as the site's actor so servers that
ask for signed fetches (Mastodon's authorized fetch) answer, and kept: an actor's key is read
from the database until a signature fails with it, then fetched once again."""

import json
from datetime import timedelta
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils import timezone

from core.fetch import FetchError, fetch

from . import ids, signatures
from .models import BlockedDomain, RemoteActor

ACCEPT = f"{ids.ACTIVITY_JSON}, {ids.LD_JSON}"


class RemoteError(Exception):
    """A remote actor or document that could not be had; the message says why."""


class Blocked(RemoteError):
    """The actor's domain is blocked by an admin."""


def domain_of(url):
    try:
        return urlsplit(url).netloc.lower()
    except ValueError as error:
        raise RemoteError(f"{url!r} is not an address") from error


def host_of(url):
    """The host name in `url`, or "" when it is not a URL (hostile input: `http://[`)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def check_domain(url):
    host = host_of(url)
    if not host:
        raise RemoteError(f"{url!r} is not an address")
    if BlockedDomain.blocks(host):
        raise Blocked(f"{host} is blocked")


def signed_get(method, host, path):
    return signatures.signed_headers(ids.SITE, ids.key_id(ids.site_actor_url()), method, host, path)


def fetch_json(url, accept=ACCEPT):
    check_domain(url)
    try:
        fetched = fetch(
            url,
            max_bytes=settings.FEDIVERSE_MAX_DOCUMENT_BYTES,
            accept=accept,
            headers=signed_get,
            total_timeout=settings.FEDIVERSE_FETCH_TIMEOUT,
        )
        document = json.loads(fetched.body)
    except FetchError as error:
        raise RemoteError(str(error)) from error
    except ValueError as error:
        raise RemoteError(f"{url} did not answer JSON") from error
    if not isinstance(document, dict):
        raise RemoteError(f"{url} did not answer a JSON object")
    return document


def _text(document, name):
    value = document.get(name)
    return value if isinstance(value, str) else ""


def store_actor(uri, document):
    """The RemoteActor described by `document` (fetched from `uri`)."""
    actor_id = _text(document, "id")
    if not actor_id or domain_of(actor_id) != domain_of(uri):
        raise RemoteError(f"{uri} describes an actor of another server")
    inbox = _text(document, "inbox")
    if not inbox.startswith(("https://", "http://")):
        raise RemoteError(f"{uri} has no inbox")
    endpoints = document.get("endpoints")
    shared = _text(endpoints, "sharedInbox") if isinstance(endpoints, dict) else ""
    key = document.get("publicKey")
    key = key if isinstance(key, dict) else {}
    actor, _ = RemoteActor.objects.update_or_create(
        uri=actor_id,
        defaults={
            "domain": domain_of(actor_id),
            "username": _text(document, "preferredUsername")[:255],
            "inbox": inbox[:500],
            "shared_inbox": shared[:500] if shared.startswith(("https://", "http://")) else "",
            "key_id": _text(key, "id")[:500],
            "public_key_pem": _text(key, "publicKeyPem"),
            "fetched_at": timezone.now(),
        },
    )
    return actor


def actor(uri, refresh=False):
    """The actor at `uri`, from the database unless `refresh` (or unknown)."""
    check_domain(uri)
    known = RemoteActor.objects.filter(uri=uri).first()
    if known is not None and not refresh:
        return known
    return store_actor(uri, fetch_json(uri))


def key_for(key_id, refresh):
    """(public key PEM, owner) of `key_id`, or None. A kept key is fetched again
    (`refresh`) at most once a FEDIVERSE_KEY_REFRESH_SECONDS, so bad signatures cannot make
    the site fetch an actor at every request."""
    known = RemoteActor.objects.filter(key_id=key_id).first()
    try:
        if known is None:
            if refresh:
                return None  # just fetched, and it did not verify
            found = actor(key_id.split("#", 1)[0], refresh=True)
        elif refresh:
            fresh_enough = timezone.now() - known.fetched_at < timedelta(
                seconds=settings.FEDIVERSE_KEY_REFRESH_SECONDS
            )
            if fresh_enough:
                return None
            found = actor(known.uri, refresh=True)
        else:
            found = known
    except RemoteError:
        return None
    if found.key_id != key_id or not found.public_key_pem:
        return None
    return found.public_key_pem, found.uri


def webfinger(handle):
    """The actor a handle (`user@domain`, an `@` in front or not) names, fetched."""
    user, _, host = handle.strip().lstrip("@").partition("@")
    if not user or not host:
        raise RemoteError(f"{handle!r} is not a handle like show@example.org")
    scheme = settings.FEDIVERSE_WEBFINGER_SCHEME
    resource = quote(f"acct:{user}@{host}", safe=":@")
    jrd = fetch_json(
        f"{scheme}://{host}/.well-known/webfinger?resource={resource}",
        accept="application/jrd+json, application/json",
    )
    links = jrd.get("links") if isinstance(jrd.get("links"), list) else []
    for link in links:
        if (
            isinstance(link, dict)
            and link.get("rel") == "self"
            and link.get("type") in (ids.ACTIVITY_JSON, ids.LD_JSON)
            and isinstance(link.get("href"), str)
        ):
            return actor(link["href"], refresh=True)
    raise RemoteError(f"{handle} has no ActivityPub actor")
