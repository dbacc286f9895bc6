"""What the site does when the media storage fails: a file gone (deleted by hand, a bucket
restored from an older copy), or the storage itself away or slow (S3 unreachable, timing out).

Reader pages never wait on the storage: image URLs are built without it (core.renditions), and
the few places that must ask it (a row's image size not yet stored, a feed enclosure's length,
the renditions of a saved row) go through `attempt()`: the error is caught, logged once, and the
page goes on without what it asked for. After the storage failed to answer, it is not asked
again for `MEDIA_STORAGE_RETRY_SECONDS`, so a dead S3 costs one request its timeouts, not
every request. The log says once per interval that the storage is away (core.outages) and once
per interval and file that a file is missing, never a traceback per request."""

import logging
import threading
import time

from django.conf import settings
from PIL import UnidentifiedImageError

from .outages import OutageLog

logger = logging.getLogger("episodic.media")

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover - django-storages[s3] brings botocore
    BotoCoreError = ClientError = None

#: What a storage raises when a file cannot be read or written: the file system's OSError
#: (FileNotFoundError, PermissionError, a full disk), botocore's refusals and lost connections.
STORAGE_ERRORS = tuple(e for e in (OSError, BotoCoreError, ClientError) if e is not None)


class MediaStorageError(Exception):
    """Storing a new image (its original or a rendition) failed in the storage: the admin
    answers it with a form error (core.admin), where any other error stays a server error."""

    def __init__(self, name, error):
        super().__init__(f"{name} could not be stored: {type(error).__name__}: {error}")
        self.name = name
        self.error = error


#: Files remembered as missing at most; past it the memory starts again.
MAX_REMEMBERED_MISSING = 10_000


def is_missing(error):
    """True when `error` says the file is not there or not an image (the storage answered):
    a fault of that one file, not of the storage."""
    if isinstance(error, FileNotFoundError | UnidentifiedImageError):
        return True
    if ClientError is not None and isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = str(error.response.get("Error", {}).get("Code", ""))
        return status == 404 or code in {"404", "NoSuchKey", "NotFound"}
    return False


class MediaFaults:
    def __init__(self):
        self.outage = OutageLog(logger, "The media storage")
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.missing = {}  # file name -> when it was last logged

    def available(self):
        return time.monotonic() >= self.down_until

    def failed(self, name, error):
        if is_missing(error):
            self.file_missing(name, error)
            return
        with self.lock:
            self.down_until = time.monotonic() + settings.MEDIA_STORAGE_RETRY_SECONDS
        self.outage.failed(f"{type(error).__name__}: {error} (file {name})")

    def known_missing(self, name):
        """True when `name` was found missing within the interval: not asked again yet."""
        last = self.missing.get(name)
        return last is not None and time.monotonic() - last < self.outage.interval

    def file_missing(self, name, error):
        now = time.monotonic()
        with self.lock:
            if self.known_missing(name):
                return
            if len(self.missing) >= MAX_REMEMBERED_MISSING:
                self.missing.clear()
            self.missing[name] = now
        logger.warning("Media file %s is missing or unreadable: %s", name, error)

    def answered(self):
        self.outage.answered()

    def reset(self):
        """Forget every failure (tests)."""
        with self.lock:
            self.down_until = 0.0
            self.missing.clear()
        self.outage.began = None


faults = MediaFaults()


def attempt(action, name, fallback=None):
    """`action()`, or `fallback` when the storage fails (logged) or failed a moment ago."""
    if not faults.available() or faults.known_missing(name):
        return fallback
    try:
        result = action()
    except STORAGE_ERRORS as error:
        faults.failed(name, error)
        return fallback
    faults.answered()
    return result
