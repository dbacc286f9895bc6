"""Django's Redis cache, made a cache that can never take the site down, keeping one redis-py
client per connection pool.

Failing soft (what django-redis calls IGNORE_EXCEPTIONS): Redis is a cache here, never the truth.
Any Redis error (connection refused or reset, a timeout, a full `maxmemory` refusing writes, a
read-only replica after a failover) makes the operation a miss: `get` gives the default,
`get_many` nothing, writes do nothing, `add` adds nothing, `set_many` names every key as not
set, and `incr` raises `CacheUnavailable` (a ValueError, as for a missing key). Pages are then
built from the database, uncached.

A dead Redis costs a request nothing: the sockets time out soon (REDIS_CONNECT_TIMEOUT and
REDIS_TIMEOUT in the settings), and the first connection failure opens a circuit breaker, shared
by the process's threads, under which operations miss without touching the network. After a
back-off (doubling from `retry_seconds` to `retry_max_seconds`) one operation tries Redis again,
with a PING first; when it answers, the callbacks given to `after_outage` run (the page cache
purges what it could not while Redis was away) before anything is read from it. The log gets
one warning per `warning_seconds` for an outage, not a traceback per request.

One client per pool: Django builds a new `redis.Redis` client for every cache call; with
redis-py 8 that costs about as much as the GET itself (80 µs on this project's 2-core machine),
and a cached page is served in two calls. A client is thread-safe and holds no connection of
its own (the pool does), so one per pool is enough."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not there": the breaker opens. Other Redis errors (a write refused
# for memory, a read-only replica) come from a server that answers: only that operation misses.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(ValueError):
    """`incr` while Redis is away: a missing key to callers that expect Django's ValueError;
    core.ratelimit counts in the process instead."""


_recovery_callbacks = []


def after_outage(callback):
    """`callback()` runs in each process once Redis answers again after failing, before the
    operation that found it back reads anything."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)


class Breaker:
    """Whether this process tries Redis now; one per server list, shared by every thread (Django
    gives each thread a cache object of its own)."""

    def __init__(self, retry_seconds, retry_max_seconds, warning_seconds):
        self.retry_seconds = retry_seconds
        self.retry_max_seconds = retry_max_seconds
        self.warning_seconds = warning_seconds
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, while down
        self.retry_at = 0.0
        self.backoff = retry_seconds
        self.trying = False
        self.warned_at = {}
        self.outage_logged = False

    @property
    def down(self):
        return self.down_since is not None

    def admit(self, force=False):
        """Whether to go to Redis: "closed" (yes), "trial" (to try it again after a failure:
        this thread alone) or None (no: a miss)."""
        if self.down_since is None:
            return "closed"
        with self.lock:
            if self.down_since is None:
                return "closed"
            if self.trying or (time.monotonic() < self.retry_at and not force):
                return None
            self.trying = True
            return "trial"

    def failed(self, error, trial):
        now = time.monotonic()
        with self.lock:
            if self.down_since is None:
                self.down_since = now
                self.backoff = self.retry_seconds
            elif trial:
                self.backoff = min(self.backoff * 2, self.retry_max_seconds)
            self.retry_at = now + self.backoff
            self.trying = False
            down_for = now - self.down_since
        if self.warn(
            "unreachable",
            "Redis (the cache) is unreachable (%s): pages are built uncached, down for %.1f s, "
            "next try in %.1f s",
            describe(error),
            down_for,
            self.backoff,
        ):
            self.outage_logged = True

    def recovered(self):
        with self.lock:
            was_down, self.down_since = self.down_since, None
            self.trying = False
            self.backoff = self.retry_seconds
            logged, self.outage_logged = self.outage_logged, False
        # Said once for an outage the log told of: a Redis that comes and goes within the
        # interval is not a line per return.
        if was_down is not None and logged:
            logger.warning(
                "Redis (the cache) answers again after %.1f s", time.monotonic() - was_down
            )

    def gave_up(self):
        """A trial that ended neither way (an error not about the connection)."""
        with self.lock:
            self.trying = False

    def warn(self, kind, message, *args):
        """Logs `message` unless one of its `kind` was logged within the interval: whether it
        was logged."""
        now = time.monotonic()
        with self.lock:
            last = self.warned_at.get(kind)
            if last is not None and now - last < self.warning_seconds:
                return False
            self.warned_at[kind] = now
        logger.warning(message, *args)
        return True


def describe(error):
    """The error's class and first line: no server address (it may carry a password)."""
    text = str(error).splitlines()[0] if str(error) else ""
    if "redis://" in text or "@" in text:
        text = ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, options):
    key = tuple(servers)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = Breaker(
                float(options.get("retry_seconds", 0.5)),
                float(options.get("retry_max_seconds", 5)),
                float(options.get("warning_seconds", 60)),
            )
        return _breakers[key]


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


BREAKER_OPTIONS = ("retry_seconds", "retry_max_seconds", "warning_seconds")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        own = {name: options.pop(name) for name in BREAKER_OPTIONS if name in options}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = PooledClientRedisCacheClient
        self.breaker = breaker_for(self._servers, own)
        # How long an answer may take before Redis counts as away (None: as long as it takes).
        self.answer_seconds = options.get("socket_timeout")

    @property
    def away(self):
        """Whether this process found Redis away and has not found it back yet."""
        return self.breaker.down

    def found_away(self, error):
        """A connection of another kind (the purge channel) found Redis away: the process counts
        it as an outage, whose end runs the `after_outage` callbacks, as if an operation had
        failed."""
        if not self.breaker.down:
            self.breaker.failed(error, trial=False)

    def redis_client(self):
        """The redis-py client writes go through, for what the cache API lacks (a channel)."""
        return self._cache.get_client(write=True)

    def attempt(self, operation, miss, force=False):
        """`operation()`, or `miss()` if Redis is away or refuses it."""
        state = self.breaker.admit(force)
        if state is None:
            return miss()
        try:
            if state == "trial":
                self.redis_client().ping()
                self.breaker.recovered()
                run_recovery_callbacks()
            return operation()
        except UNREACHABLE as error:
            self.breaker.failed(error, trial=state == "trial")
            return miss()
        except RedisError as error:
            if state == "trial":
                self.breaker.gave_up()
            self.breaker.warn(
                f"refused:{type(error).__name__}",
                "Redis (the cache) refused an operation (%s): it is a miss",
                describe(error),
            )
            return miss()
        except Exception:
            if state == "trial":
                self.breaker.gave_up()
            raise

    def reachable(self, force=False):
        """Whether Redis answers now: if it was found away, tried again when the back-off
        allows, or at once with `force` (a connection of another kind found it back)."""
        return self.attempt(lambda: bool(self.redis_client().ping()), miss_false, force=force)

    def publish(self, channel, message):
        """Publishes `message`; False if it could not be."""
        return self.attempt(
            lambda: self.redis_client().publish(channel, message) is not None, lambda: False
        )

    # Django's operations, each a miss when Redis is away or refuses it.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(
            lambda: super(RedisCache, self).add(key, value, timeout, version), miss_false
        )

    def get(self, key, default=None, version=None):
        return self.attempt(
            lambda: super(RedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.attempt(lambda: super(RedisCache, self).set(key, value, timeout, version), miss_none)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.attempt(
            lambda: super(RedisCache, self).touch(key, timeout, version), miss_false
        )

    def delete(self, key, version=None):
        return self.attempt(lambda: super(RedisCache, self).delete(key, version), miss_false)

    def get_many(self, keys, version=None):
        return self.attempt(lambda: super(RedisCache, self).get_many(keys, version), dict)

    def has_key(self, key, version=None):
        return self.attempt(lambda: super(RedisCache, self).has_key(key, version), miss_false)

    def incr(self, key, delta=1, version=None):
        return self.attempt(lambda: super(RedisCache, self).incr(key, delta, version), unavailable)

    def count(self, key, timeout):
        """`key` counted up by one and its count, kept `timeout` seconds from its first count:
        one round trip (Django's `add` then `incr` take three). CacheUnavailable as `incr`."""
        full_key = self.make_and_validate_key(key)

        def count_up():
            with self.redis_client().pipeline(transaction=False) as pipe:
                pipe.incr(full_key)
                pipe.expire(full_key, timeout, nx=True)
                return pipe.execute()[0]

        return self.attempt(count_up, unavailable)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys not set, as Django's API says: all of them when Redis could not take them."""
        return self.attempt(
            lambda: super(RedisCache, self).set_many(data, timeout, version), lambda: list(data)
        )

    def delete_many(self, keys, version=None):
        self.attempt(lambda: super(RedisCache, self).delete_many(keys, version), miss_none)

    def clear(self):
        return self.attempt(lambda: super(RedisCache, self).clear(), miss_false)


def miss_false():
    return False


def miss_none():
    return None


def unavailable():
    raise CacheUnavailable("the cache is unavailable")


def run_recovery_callbacks():
    for callback in _recovery_callbacks:
        try:
            callback()
        except Exception:  # a callback's failure must not fail the request that found Redis back
            logger.exception("A callback after the cache's outage failed")
