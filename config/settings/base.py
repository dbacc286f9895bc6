"""Django's own settings and the project's ground: the apps, the middleware, templates, the
database, time, static and media files, uploads, mail, logging; and the environment readers
the other settings modules use."""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "development-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with our site: third-party models under our apps that host them
    # (core.admin_site).
    "core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "sitesettings.apps.SitesConfig",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "recaps.apps.TaggitConfig",
    "reversion",
    "imagekit",
    "django_prose_editor",
    # django_comments_xtd must come before django_comments (its templates and admin win).
    "discussion.apps.CommentsConfig",
    "discussion.apps.DjangoCommentsConfig",
    "worker.apps.TasksDatabaseConfig",
    "core",
    "worker",
    "shows",
    "people",
    "recaps",
    "sitesettings",
    "search",
    "feeds",
    "discussion",
    "preferences",
    "spoilers",
    "ratings",
    "pagecache",
    # Following shows by e-mail: alerts, weekly digests, one-click unsubscribe.
    "follows",
    "fediverse",
    # The episode desk: assignments, due times, publication relative to air time.
    "desk",
    # What readers read: recap views from a beacon, counted without cookies.
    "readership",
    "anymail",
    # Outbound webhooks (signed, retried): other services told of recaps, comments and shows.
    "webhooks",
    # Shows added from TVmaze and kept in step with it (after people: it extends the show admin).
    "catalogue",
    # Links to videos and posts shown as privacy facades (oEmbed answers kept at save time).
    "embeds",
    # Every public page readers browse; it sits on top of the apps above.
    "reader",
    # The read-only content API (/api/v1/) and its OpenAPI schema, beside the reader pages.
    "api",
    "ninja",
    # Moving in from WordPress: the importer and the 301s from old WordPress URLs.
    "django.contrib.redirects",
    "importer",
    # Development and measurement only: their commands write demo or synthetic content.
    "demo",
    "bench",
    "core.apps.AxesConfig",
    # Staff login with two factors: TOTP and recovery codes (django-otp, django-two-factor-auth)
    # and passkeys (django-otp-webauthn); accounts/ puts them in front of the admin.
    # accounts first: its templates give two_factor's pages the admin's look.
    "accounts",
    "django_otp",
    "accounts.apps.TotpConfig",
    "accounts.apps.StaticCodesConfig",
    "two_factor",
    "accounts.apps.PasskeysConfig",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers, before anything that checks the host, redirects
    # to HTTPS or reads the cache (health.middleware).
    "health.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The content API may be read from any site's scripts (api.middleware), its 503 too.
    "api.middleware.ApiCorsMiddleware",
    # The database away: stored pages stale (the page cache, next), else a branded 503 that
    # gives back any form that was sent (core.database_outage) — never a 500.
    "core.database_outage.DatabaseOutageMiddleware",
    # Reader pages from the cache before sessions, auth and CSRF are looked at; it also sets
    # every reader page's caching headers (public or private, ETag, Cache-Tag).
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): logged in with a second factor in this session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # No redirect from here in (views, old WordPress links, redirect rows) names a recap, a
    # still or a tag readers may not see: such a redirect is a 404 (recaps.visibility).
    "recaps.middleware.HiddenRedirectGuardMiddleware",
    # Old WordPress URLs: `/?p=123`-style queries, then any path that would 404.
    "importer.middleware.WordPressQueryRedirectMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's own loaders (project folder, then apps), cached, reading our HTML
            # templates without their indentation (core.template_loaders).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "core.template_loaders.FilesystemLoader",
                        "core.template_loaders.AppDirectoriesLoader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "sitesettings.context_processors.site_settings",
                "preferences.context_processors.theme",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that hangs costs a request seconds, then a 503 (core.database_outage).
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The newsroom's zone: the admin shows and reads publish times in it (a schedule typed as 09:00
# means 09:00 there) and reader pages date articles by it. The database keeps UTC.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")

USE_TZ = True
SITE_ID = 1
SITE_DOMAIN = os.environ.get("DJANGO_SITE_DOMAIN", "127.0.0.1:8000")
SITE_NAME = os.environ.get("DJANGO_SITE_NAME", "Episodic")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("EPISODIC_MEDIA_ROOT", BASE_DIR / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("DJANGO_S3_BUCKET", "")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "core.s3.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# A slow or unreachable S3 costs a request seconds, not minutes (botocore alone waits 60 s a
# read and makes 5 attempts): core.s3 gives its client these limits, attempts counting the
# first. After the storage failed to answer, reader pages stop asking it for a while
# (core.media_faults).
S3_CONNECT_TIMEOUT = float(os.environ.get("EPISODIC_S3_CONNECT_TIMEOUT", "2"))
S3_READ_TIMEOUT = float(os.environ.get("EPISODIC_S3_READ_TIMEOUT", "5"))
S3_MAX_ATTEMPTS = int(os.environ.get("EPISODIC_S3_MAX_ATTEMPTS", "2"))
MEDIA_STORAGE_RETRY_SECONDS = float(os.environ.get("EPISODIC_MEDIA_STORAGE_RETRY_SECONDS", "30"))
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # WhiteNoise's hashed, compressed files, with our CSS and JS minified first.
            else "core.staticfiles.MinifiedManifestStaticFilesStorage"
        )
    },
}

# Uploads: what an editor may send, checked by core.images before anything is stored.
MAX_IMAGE_UPLOAD_BYTES = int(os.environ.get("EPISODIC_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
MAX_IMAGE_PIXELS = int(os.environ.get("EPISODIC_MAX_IMAGE_PIXELS", 40_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# What the site fetches from outside (core.fetch) is refused when it leads to a private,
# loopback or link-local address, except in these networks (CIDR, comma-separated): for an
# operator whose own services live on a private network.
FETCH_ALLOWED_NETWORKS = [
    str(ipaddress.ip_network(network, strict=False))
    for network in env_list("EPISODIC_FETCH_ALLOWED_NETWORKS", [])
]


IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "core.renditions.QueuedOnSave"

# Mail: the console in development (`make run` prints every message), SMTP from the
# environment in production or whenever DJANGO_SMTP_HOST is set. DJANGO_EMAIL_BACKEND names
# another backend, e.g. one of django-anymail's ("anymail.backends.amazon_ses.EmailBackend",
# "anymail.backends.postmark.EmailBackend" …) configured by ANYMAIL_* variables (README).
if os.environ.get("DJANGO_EMAIL_BACKEND"):
    MAILERS = {"default": {"BACKEND": os.environ["DJANGO_EMAIL_BACKEND"]}}
elif DEBUG and not os.environ.get("DJANGO_SMTP_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("DJANGO_SMTP_HOST", "localhost"),
                "port": int(os.environ.get("DJANGO_SMTP_PORT", "587")),
                "username": os.environ.get("DJANGO_SMTP_USER", ""),
                "password": os.environ.get("DJANGO_SMTP_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_SMTP_TLS", True),
                "timeout": 30,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Episodic <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# django-anymail: the provider's keys (ANYMAIL_<ESP>_API_KEY …, read by anymail itself from
# ANYMAIL = {...} below) and the basic-auth secret its tracking webhooks check
# ("user:password"); the webhooks are served only when the secret is set.
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and key != "ANYMAIL_WEBHOOK_SECRET"
}
ANYMAIL_WEBHOOK_SECRET = os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")
if ANYMAIL_WEBHOOK_SECRET:
    ANYMAIL["WEBHOOK_SECRET"] = ANYMAIL_WEBHOOK_SECRET


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # A failed readiness check is in /readyz's answer: not a warning per probe.
    "loggers": {"health_check": {"level": "ERROR"}},
}
