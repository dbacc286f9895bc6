"""The beacon's counts, kept where a reader request never writes a database row.

With Redis (the production cache, core.cache.RedisCache) a view is one HINCRBY on the hour's
hash, `readership:views:<hour>`, field "<recap pk> <referring domain>"; the task worker takes
each finished hour's hash whole (RENAME, so no increment is lost or counted twice) and adds it
to the database (`take_finished_hours`).

Fail-soft: when Redis is away, hangs or refuses the write, the view is kept in this process
(`pending`, at most MAX_PENDING distinct recap-and-domain pairs: beyond that, views are
dropped and the log says so once a minute) and written to Redis with the next view that
reaches it. A process that stops while Redis is away loses what it kept. The reader gets the
same 204 either way, within the cache's socket timeout.

Without Redis (development's local-memory cache, a single-process site) each process keeps its
counts and the flush in that process takes them; a beacon request writes them to the database
itself when they are LOCAL_WRITE_SECONDS old, since a separate worker cannot read another
process's memory."""

import logging
import threading
import time
from collections import Counter

from django.core.cache import caches

from core.cache import RedisCache

logger = logging.getLogger(__name__)

HOUR = 3600
# A finished hour's hash is taken within the hour that follows; kept two days for a worker
# that was away, then Redis forgets it.
HASH_SECONDS = 2 * 24 * HOUR
MAX_PENDING = 10_000
LOCAL_WRITE_SECONDS = 60
HASH_PREFIX = "readership:views:"


def current_hour(now=None):
    return int((time.time() if now is None else now) // HOUR)


def field(recap_pk, domain):
    return f"{recap_pk} {domain}"


def parse_field(name):
    """(recap pk, domain) of a hash field, or None for one this module did not write."""
    pk, _, domain = (name.decode() if isinstance(name, bytes) else name).partition(" ")
    return (int(pk), domain) if pk.isdigit() else None


class Pending:
    """Views this process could not hand over yet, per (hour, field)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.since = None
        self.dropped_warned_at = None

    def add(self, hour, name, views=1):
        with self.lock:
            if (hour, name) not in self.counts and len(self.counts) >= MAX_PENDING:
                now = time.monotonic()
                if self.dropped_warned_at is None or now - self.dropped_warned_at > 60:
                    self.dropped_warned_at = now
                    logger.warning("Recap views are being dropped: %s kept already", MAX_PENDING)
                return
            self.counts[(hour, name)] += views
            if self.since is None:
                self.since = time.monotonic()

    def take(self):
        with self.lock:
            taken, self.counts, self.since = self.counts, Counter(), None
            return taken

    def age(self):
        with self.lock:
            return 0 if self.since is None else time.monotonic() - self.since

    def __bool__(self):
        return bool(self.counts)


pending = Pending()


def the_cache():
    """The default cache's backend itself (django.core.cache.cache is a proxy to it)."""
    return caches["default"]


def count(recap_pk, domain, now=None):
    """One view of the recap, from a page on `domain` ("" for none). Never raises for the cache's
    sake: see the module's docstring."""
    hour, name = current_hour(now), field(recap_pk, domain)
    backend = the_cache()
    if not isinstance(backend, RedisCache):
        pending.add(hour, name)
        return
    earlier = pending.take() if pending else Counter()

    def write():
        with backend.redis_client().pipeline(transaction=False) as pipe:
            for (other_hour, other_name), views in earlier.items():
                pipe.hincrby(hash_key(backend, other_hour), other_name, views)
                pipe.expire(hash_key(backend, other_hour), HASH_SECONDS)
            pipe.hincrby(hash_key(backend, hour), name, 1)
            pipe.expire(hash_key(backend, hour), HASH_SECONDS)
            pipe.execute()

    def keep():
        for (other_hour, other_name), views in earlier.items():
            pending.add(other_hour, other_name, views)
        pending.add(hour, name)

    backend.attempt(write, keep)


def local_counts_due():
    """Without Redis: whether this process's counts have waited long enough to be written."""
    return not isinstance(the_cache(), RedisCache) and pending.age() >= LOCAL_WRITE_SECONDS


def hash_key(backend, hour):
    return backend.make_and_validate_key(f"{HASH_PREFIX}{hour}")


def claim_finished_hours(now=None, lookback_hours=48):
    """({(hour, recap pk, domain): views}, claimed keys) of every finished hour still in Redis
    and of this process's own kept counts. Each hour's hash is renamed first (a view counted
    meanwhile starts a new hash) and stays under its new name until `release(claimed)` after
    the counts are in the database: a run that fails between the two reads it again. Redis
    away: only this process's counts; the hashes wait for the next run."""
    hour_now = current_hour(now)
    counts = Counter()
    for (hour, name), views in pending.take().items():
        parsed = parse_field(name)
        if parsed:
            counts[(hour, *parsed)] += views
    backend = the_cache()
    if not isinstance(backend, RedisCache):
        return counts, []

    def read():
        client = backend.redis_client()
        taken, claimed = Counter(), []
        for hour in range(hour_now - lookback_hours, hour_now):
            key = hash_key(backend, hour)
            claimed_key = f"{key}:claimed"
            if client.exists(key):
                client.renamenx(key, claimed_key)
            rows = client.hgetall(claimed_key)
            for name, views in rows.items():
                parsed = parse_field(name)
                if parsed:
                    taken[(hour, *parsed)] += int(views)
            if rows:
                claimed.append(claimed_key)
        return taken, claimed

    taken, claimed = backend.attempt(read, lambda: (Counter(), []))
    counts.update(taken)
    return counts, claimed


def release(claimed):
    """Forget claimed hashes whose counts are in the database."""
    if claimed:
        backend = the_cache()
        backend.attempt(lambda: backend.redis_client().delete(*claimed), lambda: None)
