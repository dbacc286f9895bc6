"""What the log says while something the site depends on is away: one warning when it goes,
one per interval while it stays away, one when it is back — not a line per failed attempt."""

import threading
import time

WARNING_INTERVAL_SECONDS = 60


class OutageLog:
    def __init__(self, logger, what, interval=WARNING_INTERVAL_SECONDS):
        self.logger = logger
        self.what = what
        self.interval = interval
        self.began = None
        self.warned = None
        self.lock = threading.Lock()

    def failed(self, error):
        now = time.monotonic()
        with self.lock:
            if self.began is None:
                self.began = now
            elif now - self.warned < self.interval:
                return
            self.warned = now
            away = now - self.began
        self.logger.warning(
            "%s is unavailable (for %.0f s so far), retrying: %s", self.what, away, error
        )

    def answered(self):
        with self.lock:
            began, self.began = self.began, None
        if began is not None:
            self.logger.warning("%s is back after %.0f s", self.what, time.monotonic() - began)
