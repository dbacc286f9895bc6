"""Signed preview links: a recap's draft, readable without an account until the link expires,
is revoked, or the recap is taken off the site.

The token is the recap's pk and share key signed with a TimestampSigner (its own salt, the
SECRET_KEY), so a link cannot be made for another recap, and stops working after
RECAP_PREVIEW_MAX_AGE seconds (48 hours unless the settings say otherwise). Emptying the share
key (`revoke`, and every save that takes a recap off the site) ends every link made before; the
next link made gets a new key."""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Recap

SALT = "recaps.preview"
DEFAULT_MAX_AGE = 48 * 60 * 60


def max_age():
    return int(getattr(settings, "RECAP_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE))


def share_key(recap):
    """The recap's share key, made if it has none (never shared yet, or revoked since). A
    concurrent request that made one first wins: both then sign with it."""
    if not recap.share_key:
        Recap.objects.filter(pk=recap.pk, share_key="").update(share_key=secrets.token_urlsafe(12))
        recap.share_key = Recap.objects.values_list("share_key", flat=True).get(pk=recap.pk)
    return recap.share_key


def make_token(recap):
    return signing.TimestampSigner(salt=SALT).sign(f"{recap.pk}:{share_key(recap)}")


def share_path(recap):
    return reverse("recaps:shared_preview", kwargs={"token": make_token(recap)})


def revoke(recap):
    """Every share link of the recap made so far stops working."""
    Recap.objects.filter(pk=recap.pk).update(share_key="")


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def read_token(token):
    """(recap pk, share key) that a token names. Raises Expired or Invalid."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature as error:
        raise Invalid from error
    pk, _, key = value.partition(":")
    if not (pk.isdigit() and key):
        raise Invalid
    return int(pk), key
