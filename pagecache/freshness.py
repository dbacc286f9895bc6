"""Whether something the page cache keeps may still be given: a stored page
(`pagecache.middleware`), an answer a process remembers (`pagecache.wsgi`) or a fragment
(`pagecache.fragments`). One rule for all three, and one trip to the cache to apply it."""

import time
from collections import namedtuple

from . import schedule, tags
from .generation import GENERATION_KEY

# What the check read: the tags' versions, and as asked the publication schedule ((last,
# next), or None when the cache keeps none current) and the purge generation token.
Current = namedtuple("Current", "versions schedule generation")


def check(built_at, expires, names, now=None, *, with_schedule=False, with_generation=False):
    """A Current if what was built at `built_at`, kept until `expires` and showing the cache
    tags `names` is still current at `now`, else None: `now` falls between the two times, and
    no tag was purged since (an unknown version counts as a purge, see `pagecache.tags`)."""
    now = time.time() if now is None else now
    # A copy from the future (a clock set back) is as stale as one past its time.
    if not built_at <= now < expires:
        return None
    other_keys = [
        *(schedule.KEYS if with_schedule else ()),
        *((GENERATION_KEY,) if with_generation else ()),
    ]
    versions, found = tags.read(names, other_keys)
    if not tags.is_fresh(names, built_at, now, versions):
        return None
    return Current(
        versions,
        schedule.current(found, now) if with_schedule else None,
        found.get(GENERATION_KEY),
    )
