"""The signed links in follower mail. Each names a row and the key stored on it, so a link
works only while its row and key do: a used confirmation link (its key emptied) or a link to
an erased follower is refused, as a tampered or expired one is."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "follows.confirm"
MANAGE_SALT = "follows.manage"


class BadLink(Exception):
    """A link that does not open anything; `status` and `reason` for the refusal page."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def confirm_token(follow):
    return signing.dumps([follow.pk, follow.confirm_key], salt=CONFIRM_SALT, compress=True)


def manage_token(follower):
    return token_for(follower.pk, follower.link_key)


def token_for(follower_pk, link_key):
    return signing.dumps([follower_pk, link_key], salt=MANAGE_SALT, compress=True)


def absolute(path):
    return f"{settings.FOLLOWS_SITE_URL}{path}"


def confirm_url(follow):
    return absolute(reverse("follows:confirm", args=[confirm_token(follow)]))


def manage_url(follower):
    return absolute(reverse("follows:manage", args=[manage_token(follower)]))


def unsubscribe_url(follower):
    return absolute(reverse("follows:unsubscribe", args=[manage_token(follower)]))


NOT_OURS = "This link is not one of ours: it may have been cut or changed."


def _read(token, salt, max_age):
    if len(token) > 500:
        raise BadLink(400, NOT_OURS)
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as expired:
        raise BadLink(410, "This link has expired.") from expired
    except signing.BadSignature as bad:
        raise BadLink(
            400, "This link is not one of ours: it may have been cut or changed."
        ) from bad


def _pair(value):
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise BadLink(400, NOT_OURS)
    return value


def follow_from(token):
    """The unconfirmed Follow a confirmation link names; BadLink otherwise."""
    from .models import Follow

    pk, key = _pair(_read(token, CONFIRM_SALT, settings.FOLLOWS_CONFIRM_MAX_AGE))
    follow = Follow.objects.select_related("follower", "show").filter(pk=pk).first()
    if follow is None:
        raise BadLink(410, "This link has expired: the request it confirms was forgotten.")
    if follow.confirmed_at is not None or follow.confirm_key != key:
        raise BadLink(410, "This link was already used: you are following already.")
    return follow


def follower_from(token):
    """The follower a manage or unsubscribe link names; BadLink otherwise."""
    from .models import Follower

    pk, key = _pair(_read(token, MANAGE_SALT, settings.FOLLOWS_LINK_MAX_AGE))
    follower = Follower.objects.filter(pk=pk, link_key=key).first()
    if follower is None:
        raise BadLink(410, "This link no longer works: the address was removed.")
    return follower
