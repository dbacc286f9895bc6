"""Admin logins that lock out, with django-axes (settings in config/settings.py).

Axes keeps one row per user name, address and browser with the failure count and the time of
the last failure, and forgets rows older than its cool-off time. `cool_off` makes that time
the failure window (15 minutes) while the pair is under the limit and the lockout (an hour)
once it has reached it, so five failures within a quarter of an hour lock the pair for an hour
after the last one."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def cool_off(request=None):
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

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
