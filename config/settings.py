"""Episodic settings. Every value that differs between machines comes from the environment,
read once here; the defaults are for development and refuse to run in production unsafely."""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


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
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "django_otp_webauthn",
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

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "episodic")


# Redis is a cache: when it is away or hangs, pages are built uncached (core/cache.py). Each
# operation waits at most these seconds for it; after a failure the process leaves it alone for
# a back-off from REDIS_RETRY_SECONDS, doubling up to REDIS_RETRY_MAX_SECONDS, and logs one
# warning per REDIS_WARNING_SECONDS while it stays away.
REDIS_CACHE_OPTIONS = {
    "socket_connect_timeout": float(os.environ.get("EPISODIC_REDIS_CONNECT_TIMEOUT", "0.25")),
    "socket_timeout": float(os.environ.get("EPISODIC_REDIS_TIMEOUT", "0.25")),
    "retry_seconds": float(os.environ.get("EPISODIC_REDIS_RETRY_SECONDS", "0.5")),
    "retry_max_seconds": float(os.environ.get("EPISODIC_REDIS_RETRY_MAX_SECONDS", "5")),
    "warning_seconds": float(os.environ.get("EPISODIC_REDIS_WARNING_SECONDS", "60")),
}


def redis_cache(url):
    """The cache on the Redis server at `url` (tests point it at servers of their own)."""
    return {
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": REDIS_CACHE_OPTIONS,
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # Pages, fragments and their tags' versions: the default 300 entries would evict
            # them faster than readers ask for them.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Reader pages and caches (pagecache). Readers without cookies get `public` pages: browsers keep
# them a minute (nothing can purge a browser); CDNs an hour, as every change purges the tags it
# touches; nginx, which cannot purge by tag, 10 seconds and then revalidates (a 304 from the
# page cache). Search results change with every recap, so shared caches keep them 5 minutes.
# No lifetime runs past the next scheduled publication.
CACHE_MAX_AGE = int(os.environ.get("EPISODIC_CACHE_MAX_AGE", "60"))
CACHE_S_MAXAGE = int(os.environ.get("EPISODIC_CACHE_S_MAXAGE", "3600"))
CACHE_SEARCH_S_MAXAGE = int(os.environ.get("EPISODIC_CACHE_SEARCH_S_MAXAGE", "300"))
# nginx cannot purge by tag, so what it keeps is old for this long after a publication: one
# second keeps "published" meaning "on the home page" (make bench-load) while nginx still
# answers a spike's thousands of requests a second from one revalidation (a 304) per page.
CACHE_PROXY_SECONDS = int(os.environ.get("EPISODIC_CACHE_PROXY_SECONDS", "1"))
# Serve a copy a minute old while fetching a new one; a day old while the app is down.
CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("EPISODIC_CACHE_STALE_WHILE_REVALIDATE", "60"))
CACHE_STALE_IF_ERROR = int(os.environ.get("EPISODIC_CACHE_STALE_IF_ERROR", "86400"))
# The built-in page cache: on unless EPISODIC_PAGE_CACHE=0. With Redis every worker shares it
# and purges reach them all; local memory is per process, so there it keeps pages 10 seconds.
PAGE_CACHE_ENABLED = env_bool("EPISODIC_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("EPISODIC_PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_LOCAL_SECONDS = int(os.environ.get("EPISODIC_PAGE_CACHE_LOCAL_SECONDS", "10"))
# Any text can be searched for: at most this many search pages are stored a minute (0: no bound).
PAGE_CACHE_SEARCH_PAGES_PER_MINUTE = int(
    os.environ.get("EPISODIC_PAGE_CACHE_SEARCH_PAGES_PER_MINUTE", "60")
)
PAGE_CACHE_RELEASE = os.environ.get("EPISODIC_RELEASE", "")
PAGE_COMPRESSION = env_bool("EPISODIC_PAGE_COMPRESSION", True)
# What the page cache (below the apps) reads from the apps above it: when recaps go live, and
# which reader pages a cache tag names.
PAGE_CACHE_PUBLICATIONS = "recaps.publications.publication_times"
PAGE_CACHE_PATHS = "reader.cache_paths.paths_of"
# What purges the caches in front of the app: nothing by default.
CACHE_PURGER = {"BACKEND": "pagecache.front.NoPurger"}
if os.environ.get("EPISODIC_PURGE_SERVERS"):
    CACHE_PURGER = {
        "BACKEND": "pagecache.front.HttpPurger",
        "OPTIONS": {
            "servers": env_list("EPISODIC_PURGE_SERVERS", []),
            "method": os.environ.get("EPISODIC_PURGE_METHOD", "BAN"),
        },
    }
elif os.environ.get("EPISODIC_PURGE_API_URL"):
    CACHE_PURGER = {
        "BACKEND": "pagecache.front.ApiPurger",
        "OPTIONS": {
            "url": os.environ["EPISODIC_PURGE_API_URL"],
            "token": os.environ.get("EPISODIC_PURGE_API_TOKEN", ""),
        },
    }

# The content API (api/): requests a minute an anonymous client (per address) may make; API
# keys issued in the admin carry their own, higher limits. Answers are JSON under these paths,
# the database outage's 503 included (core.database_outage).
API_ANONYMOUS_PER_MINUTE = int(os.environ.get("EPISODIC_API_RATE_LIMIT", "120"))
JSON_PATH_PREFIXES = ["/api/"]

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
# The episode desk (desk/): the zone its days are counted in (the newsroom's unless set), how
# long after airing a recap is due for shows without a plan of their own, and the admin's start
# page for whoever may see the desk (others still get the admin's index).
DESK_TIME_ZONE = os.environ.get("EPISODIC_DESK_TIME_ZONE", TIME_ZONE)
DESK_DUE_HOURS = float(os.environ.get("EPISODIC_DESK_DUE_HOURS", "3"))
ADMIN_START_PAGE = {"url": "admin:desk_assignment_changelist", "permission": "desk.view_assignment"}
USE_I18N = True
USE_TZ = True
SITE_ID = 1
SITE_DOMAIN = os.environ.get("DJANGO_SITE_DOMAIN", "127.0.0.1:8000")
SITE_NAME = os.environ.get("DJANGO_SITE_NAME", "Episodic")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

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

# Embeds (embeds/): links to these providers, alone on a line of a recap, are asked about by
# oEmbed when the recap is saved (embeds.store has the refresh rules) and shown as a privacy
# facade. The providers' endpoints are in embeds/providers.py; EMBEDS_OEMBED_ENDPOINTS
# replaces them by name (tests point them at a fake server). Mastodon is federated: each
# instance allowed is named here. Instagram answers only with a Meta app's access token.
EMBEDS_OEMBED_ENDPOINTS = {}
EMBEDS_MASTODON_HOSTS = env_list(
    "EPISODIC_EMBED_MASTODON_HOSTS", ["mastodon.social", "mastodon.online", "mstdn.social"]
)
EMBEDS_INSTAGRAM_ACCESS_TOKEN = os.environ.get("EPISODIC_EMBED_INSTAGRAM_TOKEN", "")
EMBEDS_TIMEOUT_SECONDS = float(os.environ.get("EPISODIC_EMBED_TIMEOUT_SECONDS", "5"))
EMBEDS_MAX_ANSWER_BYTES = 256 * 1024
EMBEDS_MAX_WIDTH = 1280
EMBEDS_REFRESH_AFTER_SECONDS = int(os.environ.get("EPISODIC_EMBED_REFRESH_SECONDS", 30 * 86400))
EMBEDS_RETRY_AFTER_SECONDS = int(os.environ.get("EPISODIC_EMBED_RETRY_SECONDS", 3600))
# The players a reader may start, and only those, may be framed (the Content-Security-Policy's
# frame-src; tests/embeds checks it against embeds.providers).
EMBED_PLAYER_ORIGINS = sorted(
    {
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://embed.bsky.app",
        "https://www.instagram.com",
        *(f"https://{host}" for host in EMBEDS_MASTODON_HOSTS),
    }
)

# How long a signed recap preview link works, in seconds (48 hours by default).
RECAP_PREVIEW_MAX_AGE = int(os.environ.get("EPISODIC_PREVIEW_MAX_AGE", 48 * 60 * 60))

IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "core.renditions.OneDecode"

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

# Following shows by e-mail (follows/). Links in mail start with FOLLOWS_SITE_URL; Message-IDs
# and the List-Id use its host. Alerts go out in batches of FOLLOWS_BATCH_SIZE, at most
# FOLLOWS_SEND_RATE a second (0: no limit; 14 is Amazon SES's default quota).
FOLLOWS_SITE_URL = os.environ.get(
    "EPISODIC_SITE_URL", f"{'http' if DEBUG else 'https'}://{SITE_DOMAIN}"
).rstrip("/")
FOLLOWS_MAIL_DOMAIN = os.environ.get(
    "EPISODIC_MAIL_DOMAIN", FOLLOWS_SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
)
FOLLOWS_FROM_EMAIL = os.environ.get("EPISODIC_FOLLOWS_FROM_EMAIL", DEFAULT_FROM_EMAIL)
FOLLOWS_UNSUBSCRIBE_MAILTO = os.environ.get(
    "EPISODIC_UNSUBSCRIBE_MAILTO", f"unsubscribe@{FOLLOWS_MAIL_DOMAIN}"
)
FOLLOWS_BATCH_SIZE = int(os.environ.get("EPISODIC_FOLLOWS_BATCH_SIZE", "500"))
FOLLOWS_SEND_RATE = float(os.environ.get("EPISODIC_FOLLOWS_SEND_RATE", "14"))
# Messages claimed with one database write: a worker killed mid-way loses at most these (never
# sends them twice); 1 is the strictest and the slowest.
FOLLOWS_CLAIM_SIZE = int(os.environ.get("EPISODIC_FOLLOWS_CLAIM_SIZE", "10"))
# A confirmation link (and an unconfirmed request) lasts a week; manage and unsubscribe links
# in mail last a year.
FOLLOWS_CONFIRM_MAX_AGE = int(os.environ.get("EPISODIC_FOLLOWS_CONFIRM_SECONDS", 7 * 86400))
FOLLOWS_LINK_MAX_AGE = int(os.environ.get("EPISODIC_FOLLOWS_LINK_SECONDS", 365 * 86400))
# Recaps that went live longer ago than this when their alert would go out are not news (an
# imported archive, a backdated publish time): no alert.
FOLLOWS_ALERT_WINDOW = int(os.environ.get("EPISODIC_FOLLOWS_ALERT_WINDOW_SECONDS", 2 * 86400))
FOLLOWS_SOFT_BOUNCE_LIMIT = int(os.environ.get("EPISODIC_FOLLOWS_SOFT_BOUNCE_LIMIT", "3"))
FOLLOWS_RATE_LIMIT_PER_MINUTE = int(os.environ.get("EPISODIC_FOLLOWS_RATE_LIMIT", "10"))

# The fediverse (fediverse/): every show with a published recap is an ActivityPub actor,
# @<slug>@<host of EPISODIC_SITE_URL>. Inbox posts larger than FEDIVERSE_MAX_INBOX_BYTES get a 413;
# documents fetched from other servers are read up to FEDIVERSE_MAX_DOCUMENT_BYTES within
# FEDIVERSE_FETCH_TIMEOUT seconds. A remote key is fetched again (after a signature failed with
# it) at most once a FEDIVERSE_KEY_REFRESH_SECONDS. Deliveries are tried FEDIVERSE_MAX_ATTEMPTS
# times, the delay doubling from FEDIVERSE_RETRY_DELAY_SECONDS (10 tries: about 17 hours).
# WebFinger look-ups of other servers use https; tests of two sites on 127.0.0.1 set http.
FEDIVERSE_BASE_URL = FOLLOWS_SITE_URL
FEDIVERSE_MAX_INBOX_BYTES = int(os.environ.get("EPISODIC_FEDIVERSE_MAX_INBOX_BYTES", 256 * 1024))
FEDIVERSE_MAX_DOCUMENT_BYTES = int(
    os.environ.get("EPISODIC_FEDIVERSE_MAX_DOCUMENT_BYTES", 1024 * 1024)
)
FEDIVERSE_FETCH_TIMEOUT = float(os.environ.get("EPISODIC_FEDIVERSE_FETCH_TIMEOUT", "10"))
FEDIVERSE_KEY_REFRESH_SECONDS = int(os.environ.get("EPISODIC_FEDIVERSE_KEY_REFRESH_SECONDS", "60"))
FEDIVERSE_MAX_ATTEMPTS = int(os.environ.get("EPISODIC_FEDIVERSE_MAX_ATTEMPTS", "10"))
FEDIVERSE_RETRY_DELAY_SECONDS = float(
    os.environ.get("EPISODIC_FEDIVERSE_RETRY_DELAY_SECONDS", "60")
)
FEDIVERSE_WEBFINGER_SCHEME = os.environ.get("EPISODIC_FEDIVERSE_WEBFINGER_SCHEME", "https")
# What readers read (readership/): daily views per recap and referring domain are kept
# READERSHIP_KEEP_DAYS days (13 months: a year against the same month); one address may send
# READERSHIP_BEACONS_PER_MINUTE views a minute (0: no limit) before the beacon answers 429.
READERSHIP_KEEP_DAYS = int(os.environ.get("EPISODIC_READERSHIP_KEEP_DAYS", "400"))
READERSHIP_BEACONS_PER_MINUTE = int(os.environ.get("EPISODIC_READERSHIP_BEACONS_PER_MINUTE", "60"))

# Background tasks: Django's tasks framework, stored in the database; `manage.py run_worker`
# runs them (worker/). A worker writes a heartbeat every TASK_WORKER_HEARTBEAT_SECONDS; one silent
# for TASK_WORKER_LOST_AFTER_SECONDS is taken for dead, its running tasks go back to the queue,
# and /readyz reports no worker. A task that failed because the database or Redis was away runs
# again after TASK_RETRY_DELAY_SECONDS, doubling with each attempt up to the maximum.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Tasks that queue their own next run; the worker queues the first when it starts.
WORKER_RECURRING_TASKS = ["readership.tasks.flush_views"]
TASK_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("EPISODIC_WORKER_HEARTBEAT_SECONDS", "10"))
TASK_WORKER_LOST_AFTER_SECONDS = float(os.environ.get("EPISODIC_WORKER_LOST_AFTER_SECONDS", "60"))
TASK_RETRY_DELAY_SECONDS = float(os.environ.get("EPISODIC_TASK_RETRY_DELAY_SECONDS", "10"))
TASK_RETRY_MAX_DELAY_SECONDS = float(os.environ.get("EPISODIC_TASK_RETRY_MAX_DELAY_SECONDS", "600"))

# Outbound webhooks (webhooks/): each attempt ends after WEBHOOKS_TIMEOUT_SECONDS; a failed one
# is tried again after WEBHOOKS_RETRY_FIRST_SECONDS, doubling, until WEBHOOKS_RETRY_WINDOW_SECONDS
# after the event; an endpoint is switched off after WEBHOOKS_DISABLE_AFTER_FAILURES failed
# attempts in a row. Endpoints on private, loopback or link-local addresses are refused unless
# WEBHOOKS_ALLOW_PRIVATE_ADDRESSES (a receiver on the operator's own network).
WEBHOOKS_TIMEOUT_SECONDS = float(os.environ.get("EPISODIC_WEBHOOKS_TIMEOUT_SECONDS", "10"))
WEBHOOKS_RETRY_FIRST_SECONDS = float(os.environ.get("EPISODIC_WEBHOOKS_RETRY_FIRST_SECONDS", "30"))
WEBHOOKS_RETRY_WINDOW_SECONDS = int(
    os.environ.get("EPISODIC_WEBHOOKS_RETRY_WINDOW_SECONDS", 24 * 60 * 60)
)
WEBHOOKS_DISABLE_AFTER_FAILURES = int(os.environ.get("EPISODIC_WEBHOOKS_DISABLE_AFTER", "20"))
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("EPISODIC_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)
# The catalogue (catalogue/): shows added from TVmaze and synced on the task worker every
# EPISODIC_CATALOGUE_SYNC_SECONDS. The API's base URL is the operator's and trusted; posters and
# photos come only from the image origins, public addresses only (core.fetch).
CATALOGUE_TVMAZE_URL = os.environ.get("EPISODIC_TVMAZE_URL", "https://api.tvmaze.com")
CATALOGUE_TVMAZE_IMAGE_ORIGINS = env_list(
    "EPISODIC_TVMAZE_IMAGE_ORIGINS", ["https://static.tvmaze.com"]
)
# Tests only: the fake catalogue's own images (on loopback) pass.
CATALOGUE_TRUST_TEST_IMAGES = False
CATALOGUE_TVMAZE_CALLS_PER_10_SECONDS = 20
CATALOGUE_TIMEOUT = float(os.environ.get("EPISODIC_CATALOGUE_TIMEOUT", "10"))
CATALOGUE_MAX_ANSWER_BYTES = int(os.environ.get("EPISODIC_CATALOGUE_MAX_BYTES", 5 * 1024 * 1024))
CATALOGUE_RATE_LIMIT_RETRIES = int(os.environ.get("EPISODIC_CATALOGUE_RATE_LIMIT_RETRIES", "2"))
CATALOGUE_RATE_LIMIT_WAIT = float(os.environ.get("EPISODIC_CATALOGUE_RATE_LIMIT_WAIT", "10"))
CATALOGUE_SYNC_SECONDS = int(os.environ.get("EPISODIC_CATALOGUE_SYNC_SECONDS", 6 * 3600))
# How many of the first billed become leads when a show is added (editors change it there).
CATALOGUE_LEADS = int(os.environ.get("EPISODIC_CATALOGUE_LEADS", "2"))

# Comments: django-comments-xtd over django-contrib-comments, on recaps only.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_FORM_CLASS = "discussion.forms.CommentForm"
# Zero-based: level 0 is a comment, 1 a reply, 2 a reply to a reply — three levels.
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
# New commenters are held for a moderator (discussion.rules) instead of confirming by e-mail.
COMMENTS_XTD_CONFIRM_EMAIL = False
# Mail goes out from the task worker, synchronously there; never a thread in a web request.
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_SALT = b"episodic-comments"
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "all",
        "allow_flagging": False,
        "allow_feedback": False,
        "show_feedback": False,
    }
}

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # A failed readiness check is in /readyz's answer: not a warning per probe.
    "loggers": {"health_check": {"level": "ERROR"}},
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
