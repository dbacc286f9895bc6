"""Admin logins that lock out, with django-axes (settings in config/settings/security.py).

Axes keeps a row of failures per user name and address (`PairHandler`) with the failure count
and the time of the last failure. `cool_off` makes its cool-off time the failure window (15
minutes) while the pair is under the limit and the lockout (an hour) once it has reached it,
so five failures each within a quarter of an hour of the last lock the pair for an hour after
the last one. Each row carries its own expiry (AXES_USE_ATTEMPT_EXPIRATION): axes otherwise
forgets every row older than the cool-off time of whoever fails next, and another user's
failed login would end a lockout after 15 minutes."""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


class PairHandler(AxesDatabaseHandler):
    """Axes' database handler with one row per user name and address. Axes files failures
    under the browser too (its rows are unique by user name, address and User-Agent), so a
    new User-Agent for each attempt gives each failure a row of its own: none reaches the
    limit, which `cool_off` reads, and the pair is held for the failure window only. A
    pair's later failures go to the row it has, whatever browser sends them; the row keeps
    the User-Agent of its first failure."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None:
            known_agent = (
                AccessAttempt.objects.filter(
                    username=get_client_username(request, credentials),
                    ip_address=request.axes_ip_address,
                )
                .values_list("user_agent", flat=True)
                .first()
            )
            if known_agent is not None:
                request.axes_user_agent = known_agent
        super().user_login_failed(sender, credentials, request, **kwargs)


def client_username(request, credentials=None):
    """The user name a login attempt is for: the credentials', the login form's, or, at the
    login's second-factor step, where no name is posted, the one the password step accepted
    (`request.axes_username`, set by accounts.login)."""
    if credentials:
        return credentials.get("username")
    data = getattr(request, "data", request.POST)
    return data.get("username") or getattr(request, "axes_username", None)


def cool_off(request=None):
    lockout = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    if request is None or not hasattr(request, "axes_ip_address"):
        return lockout
    locked = AccessAttempt.objects.filter(
        username=get_client_username(request),
        ip_address=request.axes_ip_address,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    ).exists()
    return lockout if locked else timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def lockout_response(request, original_response=None, credentials=None):
    """The same page whether or not the user name exists: it names neither the account nor
    the count, only what happened and when to try again. Axes answers the login view before
    the admin site sees the request, so the site's context (its header and title) is added
    here, as the admin's own pages get it."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    response = render(
        request,
        "admin/lockout.html",
        {
            **admin.site.each_context(request),
            "title": "Too many failed logins",
            "lockout_minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
