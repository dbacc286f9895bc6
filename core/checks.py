"""System checks for what the environment must say in production (registered by CoreConfig)."""

from django.conf import settings
from django.core.checks import Warning


def trusted_proxies_check(app_configs, **kwargs):
    """Production without DJANGO_TRUSTED_PROXIES: behind a proxy every reader would share its
    address in rate limits and the login lockout (core.client_address). Shown by every `check`
    (and `migrate`) outside development, not only by `check --deploy`: it is as easily missed
    later as at the first deploy. `0` says there is no proxy and silences it."""
    if settings.DEBUG or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "DJANGO_TRUSTED_PROXIES is not set: behind a proxy every reader shares the proxy's "
            "address, so one reader's failed logins lock an editor out for everyone and the "
            "comment rate limit is shared by the whole site.",
            hint="Set it to the number of proxies in front of gunicorn (1 behind nginx), to "
            "their networks, or to 0 when readers reach gunicorn directly. See the README's "
            "Deploying section.",
            id="episodic.W005",
        )
    ]
