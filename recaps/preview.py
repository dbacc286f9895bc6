"""Signed preview links: a recap's draft, readable without an account until the link expires.

The token is the recap's pk signed with a TimestampSigner (its own salt, the SECRET_KEY), so a
link cannot be made for another recap, and stops working after RECAP_PREVIEW_MAX_AGE seconds
(48 hours unless the settings say otherwise)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "recaps.preview"
DEFAULT_MAX_AGE = 48 * 60 * 60


def max_age():
    return int(getattr(settings, "RECAP_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE))


def make_token(recap):
    return signing.TimestampSigner(salt=SALT).sign(str(recap.pk))


def share_path(recap):
    return reverse("recaps:shared_preview", kwargs={"token": make_token(recap)})


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def read_token(token):
    """The recap pk a token names. Raises Expired or Invalid."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature as error:
        raise Invalid from error
    if not value.isdigit():
        raise Invalid
    return int(value)
