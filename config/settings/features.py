"""The apps' own settings: the content API, the episode desk, embeds, recap previews, following
by e-mail, the fediverse, what readers read, background tasks, webhooks, the catalogue and
comments."""

import os

from .base import DEBUG, DEFAULT_FROM_EMAIL, SITE_DOMAIN, TIME_ZONE, env_bool, env_list

# The content API (api/): requests a minute an anonymous client (per address) may make; API
# keys issued in the admin carry their own, higher limits. Answers are JSON under these paths,
# the database outage's 503 included (core.database_outage).
API_ANONYMOUS_PER_MINUTE = int(os.environ.get("EPISODIC_API_RATE_LIMIT", "120"))
JSON_PATH_PREFIXES = ["/api/"]


# The episode desk (desk/): the zone its days are counted in (the newsroom's unless set), how
# long after airing a recap is due for shows without a plan of their own, and the admin's start
# page for whoever may see the desk (others still get the admin's index).
DESK_TIME_ZONE = os.environ.get("EPISODIC_DESK_TIME_ZONE", TIME_ZONE)
DESK_DUE_HOURS = float(os.environ.get("EPISODIC_DESK_DUE_HOURS", "3"))
ADMIN_START_PAGE = {"url": "admin:desk_assignment_changelist", "permission": "desk.view_assignment"}
USE_I18N = True

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
