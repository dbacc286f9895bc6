"""Test settings: production settings with test-only secrets, fast hashing and local services."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-" + "k" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SITE_DOMAIN", "testserver")
os.environ.setdefault("EPISODIC_MEDIA_ROOT", tempfile.mkdtemp(prefix="episodic-media-"))
os.environ.setdefault("DJANGO_STATIC_ROOT", tempfile.mkdtemp(prefix="episodic-static-"))
# The test client talks to the app directly: no proxy in front (tests that need one say so).
os.environ.setdefault("DJANGO_TRUSTED_PROXIES", "0")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run inline unless a test asks for the database backend and its worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# The admin tests log in with force_login; tests of the two-factor requirement turn it on.
TWO_FACTOR_REQUIRED = False
# Expected dates in tests are written in UTC, whatever the machine's newsroom zone.
TIME_ZONE = "UTC"

# Redis under test (the Redis step of .ci/run sets REDIS_URL): each pytest-xdist worker gets a
# database of its own, the URL's number plus the worker's (gw0 → +0, gw1 → +1), because
# tests/conftest.py clears the cache around every test and clear() on Redis flushes the whole
# database.
if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit

    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _database = int(_redis.path.strip("/") or 0) + _worker
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_database}").geturl()  # noqa: F405
    # The shared Redis is there for the whole run: a loaded CI machine must not turn a slow
    # answer into a miss (tests of a Redis away, hung or full use servers of their own, with
    # the production timeouts).
    CACHES["default"]["OPTIONS"] = {  # noqa: F405
        **CACHES["default"]["OPTIONS"],  # noqa: F405
        "socket_timeout": 5,
        "socket_connect_timeout": 5,
    }
