"""Who must log in with a second factor, and when a device may be added.

A superuser or a chief editor must when TWO_FACTOR_REQUIRED is on; anyone who has set up a
second factor (a code generator or a passkey) always must, so choosing one protects the account
even where the site does not ask for it.

The answer is worked out when the user logs in and kept in the session, so admin pages ask
the database nothing more; a session from before it was kept works it out once. Joining the
chief editors, or a device an administrator adds, counts from the next login."""

from django.conf import settings
from django_otp import user_has_device

from recaps.roles import CHIEF_EDITORS

SESSION_KEY = "accounts_second_factor_required"


def is_required_to_use_two_factors(user):
    return settings.TWO_FACTOR_REQUIRED and (
        user.is_superuser or user.groups.filter(name=CHIEF_EDITORS).exists()
    )


def must_verify(user):
    """True when `user` reaches the admin only after a second factor in their session."""
    return is_required_to_use_two_factors(user) or user_has_device(user)


def remember_requirement(sender, request, user, **kwargs):
    """On `user_logged_in`: note in the new session whether it owes a second factor."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = must_verify(user)


def second_factor_missing(request):
    """True when the request's user must still give a second factor in this session."""
    user = request.user
    # A request built without the middleware (a test's RequestFactory) has no session and
    # is unverified.
    verified = getattr(user, "is_verified", lambda: False)
    if not user.is_authenticated or verified():
        return False
    session = getattr(request, "session", None)
    if session is None:
        return must_verify(user)
    if SESSION_KEY not in session:
        session[SESSION_KEY] = must_verify(user)
    return session[SESSION_KEY]


def may_add_device(request):
    """A device is added from a session that used the account's second factor, or by an
    account that has none yet: a stolen password alone must not add the thief's own device,
    which would then pass the second factor for them."""
    return request.user.is_verified() or not user_has_device(request.user)
