"""The generation of purges the cache is at: a token that every purge replaces. A process that
found a page's tags fresh under one token knows they still are while the token is the same
(`pagecache.wsgi`), without reading them again.

With Redis, reading the token would still cost a round trip on every request (0.09 ms on this
project's machine, as long as the rest of a stored answer), so each serving process keeps it
from the purges' channel: a thread subscribes, reads the token once subscribed, and takes each
new one as it is published. Until it has subscribed, or after its connection drops, the token
is read from the cache as before. A purge in another process reaches this one as fast as Redis
delivers a message; one in this process, at once.

When Redis is away the token cannot be known: `current()` is then None, which no page was
checked under. The thread pings the channel when it is quiet. A ping unanswered for longer than
the cache's socket timeout means Redis hangs (it answers nothing, not even an error): from then
on the token is not trusted, and a channel silent for LOST_SECONDS, or a ping answered that
late, counts as an outage of the process's cache (core/cache.py). Requests stop waiting on it,
and when it answers again the cache's `after_outage` callbacks purge what this process may have
missed meanwhile, before the token is trusted again; the thread subscribes again every
RETRY_SECONDS. So a hang shorter than LOST_SECONDS, during which another process's purge could
not reach Redis, never leaves a page remembered from before it trusted afterwards."""

import logging
import secrets
import threading
import time

from django.core.cache import cache, caches
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.cache import UNREACHABLE

GENERATION_KEY = "pc:generation"
RETRY_SECONDS = 1
# The channel is pinged after this long without a message; silent for LOST_SECONDS, Redis hangs.
PING_SECONDS = 0.5
LOST_SECONDS = 2

logger = logging.getLogger(__name__)


def new_generation():
    """Written after the tag versions it follows: whoever reads the old token read the old
    versions at worst, and reads the new ones once the token changes."""
    token = secrets.token_hex(8)
    if cache.set_many({GENERATION_KEY: token}, None):
        # Not written (a full Redis refuses writes but takes deletes): no reader of the key may
        # go on trusting the token before this purge.
        cache.delete(GENERATION_KEY)
    announce(token)
    return token


def announce(token):
    publish = getattr(caches["default"], "publish", None)
    if publish is not None:
        publish(channel(), token)
    watch.heard(token)


def first_generation():
    """The token, made if no purge made one yet (or the cache forgot it)."""
    token = secrets.token_hex(8)
    if not cache.add(GENERATION_KEY, token, None):
        return cache.get(GENERATION_KEY)
    announce(token)
    return token


def channel():
    """Channels are the Redis server's, not a database's: the name says which database too."""
    database = redis_client().connection_pool.connection_kwargs.get("db", 0)
    return f"{cache.make_key(GENERATION_KEY)}:{database}"


def cache_away():
    """Whether this process found Redis away and has not found it back (and run what waited for
    it) yet."""
    return getattr(caches["default"], "away", False)


def answer_seconds():
    """How long Redis may take to answer before it counts as away."""
    return getattr(caches["default"], "answer_seconds", None) or LOST_SECONDS


def redis_client():
    """The Redis client of the cache, or None for a cache without one (local memory)."""
    client = getattr(caches["default"], "redis_client", None)
    return client() if client is not None else None


class Watch:
    def __init__(self):
        self.token = None
        self.live = False
        self.heard_at = 0.0  # time.monotonic() of the channel's last word
        self.pinged_at = None  # time.monotonic() of the ping not answered yet
        self.started = False
        self.lock = threading.Lock()

    def current(self):
        """The token of the last purge, or None when it cannot be known (Redis away)."""
        if self.trusted(time.monotonic()):
            return self.token
        return cache.get(GENERATION_KEY)

    def trusted(self, now):
        """Whether the channel's token is the last purge's: the channel spoke lately, answers
        its pings in time, and no outage this process found is still to be made up for."""
        pinged_at = self.pinged_at
        return (
            self.live
            and now - self.heard_at < LOST_SECONDS
            and (pinged_at is None or now - pinged_at <= answer_seconds())
            and not cache_away()
        )

    def heard(self, token):
        if self.live:
            self.token = token

    def start(self):
        """Once per serving process (after gunicorn forks its workers), with Redis only: a
        local-memory cache is read as cheaply as a variable."""
        if self.started:
            return
        with self.lock:
            if self.started:
                return
            self.started = True
        if redis_client() is None:
            return
        threading.Thread(target=self.listen_forever, name="page-generation", daemon=True).start()

    def listen_forever(self):
        while True:
            try:
                self.listen()
            except UNREACHABLE as error:
                # Redis away, or only this connection cut? The process counts an outage (what
                # was purged meanwhile is made up for when it ends), and the cache tries Redis
                # at once: if away, requests stop waiting on it, logged there once an interval.
                found_away = getattr(caches["default"], "found_away", None)
                if found_away is not None:
                    found_away(error)
                    caches["default"].reachable(force=True)
            except Exception as error:  # noqa: BLE001 - any failure: read the cache, retry
                logger.warning("The page cache's purge channel failed: %s", error)
            time.sleep(RETRY_SECONDS)

    def listen(self):
        subscription = redis_client().pubsub()
        self.pinged_at = None
        try:
            subscription.subscribe(channel())
            heard = time.monotonic()
            while True:
                message = subscription.get_message(timeout=PING_SECONDS)
                now = time.monotonic()
                if message is not None:
                    heard = self.heard_at = now
                    if message["type"] == "pong":
                        self.answered(now)
                    self.take(message)
                if now - heard >= LOST_SECONDS:
                    raise RedisTimeoutError("the purge channel went silent")
                if self.pinged_at is None and now - heard >= PING_SECONDS:
                    self.pinged_at = now
                    subscription.ping()
        finally:
            self.live = False
            subscription.close()

    def answered(self, now):
        """A ping answered: too late, and Redis hung meanwhile."""
        late = now - self.pinged_at > answer_seconds() if self.pinged_at is not None else False
        self.pinged_at = None
        if late:
            raise RedisTimeoutError("the purge channel's ping was answered late")

    def take(self, message):
        if message["type"] == "subscribe":
            # Redis answers: if it was away, the cache first runs what waited for it (the
            # purges made meanwhile, core.cache.after_outage).
            reachable = getattr(caches["default"], "reachable", None)
            if reachable is not None:
                reachable(force=True)
            # Subscribed before reading: a purge from now on arrives as a message.
            self.token = first_generation()
            self.live = True
        elif message["type"] == "message":
            self.token = message["data"].decode()


watch = Watch()
