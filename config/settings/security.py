"""Security: HTTPS and headers, the Content-Security-Policy, login lockouts, the proxies whose
addresses are believed, and the staff's two-factor login."""

import os

from django.utils.csp import CSP

from .base import DEBUG, MEDIA_URL, SITE_DOMAIN, SITE_NAME, env_bool, env_list
from .features import EMBED_PLAYER_ORIGINS, FOLLOWS_SITE_URL

# Security: strict by default outside development.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", *([MEDIA_URL] if MEDIA_URL.startswith("http") else [])],
    "style-src": ["'self'"],
    # The nonce lets the admin's rich-text editor load its inline import map.
    "script-src": ["'self'", CSP.NONCE],
    "frame-src": EMBED_PLAYER_ORIGINS,
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


# Admin logins that lock out (django-axes): EPISODIC_LOGIN_FAILURE_LIMIT failed logins for one
# user name from one address, each within EPISODIC_LOGIN_FAILURE_WINDOW_MINUTES of the last,
# lock that pair out for EPISODIC_LOGIN_LOCKOUT_MINUTES; a successful login clears the count;
# superusers unlock in the admin (Axes → Access attempts). Lockouts are logged by axes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # A passkey instead of the password (accounts.passkeys); axes' backend, first, still
    # refuses a locked-out address.
    "django_otp_webauthn.backends.WebAuthnBackend",
]
# core.admin registers axes' admins itself, with the permission its action needs.
AXES_ENABLE_ADMIN = False
AXES_FAILURE_LIMIT = int(os.environ.get("EPISODIC_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("EPISODIC_LOGIN_FAILURE_WINDOW_MINUTES", "15"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("EPISODIC_LOGIN_LOCKOUT_MINUTES", "60"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "core.lockout.client_username"
AXES_HANDLER = "core.lockout.PairHandler"
AXES_COOLOFF_TIME = "core.lockout.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
# The reader's address (rate limits, stored comment addresses, lockouts) comes from
# core.client_address, which believes X-Forwarded-For only as DJANGO_TRUSTED_PROXIES says: a
# number of proxy hops in front of gunicorn ("1" behind nginx), the proxies' networks
# ("10.0.0.0/8,192.0.2.10"), both ("2,10.0.0.0/8"), or "0" for none. Unset, the header is
# ignored and `check` warns outside development. core.client_address parses it.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
# Attempts while locked out do not push the end of the lockout further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# Staff login with two factors (accounts/, README "Staff login: two factors and passkeys").
# EPISODIC_REQUIRE_TWO_FACTOR: superusers and chief editors reach no admin page until they
# have logged in with a second factor (a code, a recovery code or a passkey); on in
# production, off in development (`make run`'s admin logs in with its password alone).
# Anyone who has set up a second factor is asked for it, required or not.
TWO_FACTOR_REQUIRED = env_bool("EPISODIC_REQUIRE_TWO_FACTOR", not DEBUG)
# What core.admin_site (below the apps) asks of each request: does its user still owe a
# second factor? And the view its login page answers with (a password, then a code or a key).
ADMIN_TWO_FACTOR_CHECK = "accounts.policy.second_factor_missing"
ADMIN_LOGIN_VIEW = "accounts.login.staff_login"
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
# /admin/login/ is accounts' login (config/urls.py): two_factor need not patch the admin.
TWO_FACTOR_PATCH_ADMIN = False
# Passkeys belong to a domain (the relying party): they keep working only while the site keeps
# it. A browser refuses an IP address, so development uses http://localhost:8000/.
_site_host = SITE_DOMAIN.split(":")[0]
OTP_WEBAUTHN_RP_ID = os.environ.get(
    "EPISODIC_PASSKEY_DOMAIN",
    "localhost" if _site_host.replace(".", "").isdigit() else _site_host,
)
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "EPISODIC_PASSKEY_ORIGINS",
    ["http://localhost:8000"] if OTP_WEBAUTHN_RP_ID == "localhost" else [FOLLOWS_SITE_URL],
)
