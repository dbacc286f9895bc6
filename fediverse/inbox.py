"""What an inbox does with a POST: refuse it with a 4xx unless it is small, signed by the actor
it names (HTTP Signature checked by `signatures`), from a domain that is not blocked and well
formed; then take each activity once (its id is kept: a replay changes nothing).

Taken: Follow of a show (answered with Accept, delivered by the task worker), Undo of that
Follow, Accept of the site's own Follow, and Create / Update / Delete from actors the site
follows (kept, with the signed request's headers). Anything else is acknowledged and dropped."""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import delivery, documents, ids, remote, signatures
from .models import BlockedDomain, Follower, Following, ReceivedActivity
from .shows import visible_show

KEPT_HEADERS = ("host", "date", "digest", "content-type", "signature", "signature-input")


class Refused(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _read(request):
    limit = settings.FEDIVERSE_MAX_INBOX_BYTES
    length = request.META.get("CONTENT_LENGTH") or ""
    if length.isdigit() and int(length) > limit:
        raise Refused(413, "The activity is too large")
    try:
        body = request.body
    except RequestDataTooBig as error:
        raise Refused(413, "The activity is too large") from error
    if len(body) > limit:
        raise Refused(413, "The activity is too large")
    return body


def _parse(body):
    try:
        activity = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(400, "The body is not JSON") from error
    if not isinstance(activity, dict):
        raise Refused(400, "The body is not a JSON object")
    for name in ("id", "type", "actor"):
        value = activity.get(name)
        if not isinstance(value, str) or not value or len(value) > 500:
            raise Refused(400, f"The activity has no valid {name!r}")
    if not activity["id"].startswith(("https://", "http://")):
        raise Refused(400, "The activity's id is not a URL")
    return activity


def receive(request):
    """(status, message) for a POST to an inbox."""
    try:
        body = _read(request)
        headers = {name.lower(): value for name, value in request.headers.items()}
        headers.setdefault("host", request.get_host())
        if "signature" not in headers:
            raise Refused(401, "The request is not signed")
        try:
            key_id = signatures.key_id_of(headers)
        except signatures.SignatureError as error:
            raise Refused(401, str(error)) from error
        if BlockedDomain.blocks(remote.host_of(key_id)):
            raise Refused(403, "This domain is blocked")
        activity = _parse(body)
        if BlockedDomain.blocks(remote.host_of(activity["actor"])):
            raise Refused(403, "This domain is blocked")
        try:
            signer = signatures.verify(
                "POST", request.build_absolute_uri(request.path), headers, body, remote.key_for
            )
        except signatures.SignatureError as error:
            raise Refused(401, str(error)) from error
        if signer != activity["actor"]:
            raise Refused(401, "The signature is not the actor's")
        kept = {name: headers[name] for name in KEPT_HEADERS if name in headers}
        return take(activity, kept)
    except Refused as refused:
        return refused.status, str(refused)


def take(activity, headers):
    actor = remote.actor(activity["actor"])
    try:
        with transaction.atomic():
            ReceivedActivity.objects.create(
                activity_id=activity["id"],
                kind=activity["type"][:40],
                actor=actor,
                payload=activity,
                headers=headers,
            )
            handler = HANDLERS.get(activity["type"])
            if handler:
                handler(activity, actor)
    except IntegrityError:
        return 202, "Already received"
    return 202, "Accepted"


def _object_id(activity):
    target = activity.get("object")
    if isinstance(target, dict):
        target = target.get("id")
    return target if isinstance(target, str) else ""


def _followed_show(target):
    prefix = ids.absolute("/ap/shows/")
    slug = target.removeprefix(prefix) if target.startswith(prefix) else ""
    show = visible_show(slug) if slug and "/" not in slug else None
    if show is None:
        raise Refused(404, "No such show")
    return show


def on_follow(activity, actor):
    show = _followed_show(_object_id(activity))
    follower, _ = Follower.objects.get_or_create(
        show=show, actor=actor, defaults={"follow_id": activity["id"]}
    )
    show_actor = ids.actor_url(show)
    answer = documents.accept(show_actor, {**activity, "object": show_actor}, follower.pk)
    delivery.queue(answer, ids.show_owner(show), [actor.inbox])


def on_undo(activity, actor):
    target = activity.get("object")
    undone = target if isinstance(target, dict) else {"id": target, "type": "Follow"}
    if undone.get("type") != "Follow":
        return
    follows = Follower.objects.filter(actor=actor)
    inner = _object_id(undone)
    if inner:
        follows.filter(show__slug=inner.rsplit("/", 1)[-1]).delete()
    if isinstance(undone.get("id"), str):
        follows.filter(follow_id=undone["id"]).delete()


def on_accept(activity, actor):
    accepted = _object_id(activity)
    Following.objects.filter(actor=actor, follow_id=accepted, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )


HANDLERS = {"Follow": on_follow, "Undo": on_undo, "Accept": on_accept}
