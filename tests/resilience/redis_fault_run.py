"""The fault run of issue 22, as a script (not a test): four readers browse the recap, home,
hub, tag and search pages of the demo for 30 seconds, on gunicorn with two workers and REDIS_URL,
and Redis is killed for the middle 10 seconds. Prints the statuses per phase, the median time
of an answer, and what the server logged.

    .venv/bin/python -m tests.resilience.redis_fault_run [SECONDS_PER_PHASE]
"""

import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from tests.resilience.demo_site import READER_PAGES, Client, load_demo
from tests.servers import Gunicorn, RedisServer, manage, site_environment

PAGES = [READER_PAGES[kind] for kind in ("recap", "home", "hub", "tag", "search")]
READERS = 4


def main(seconds=10):
    work = Path(tempfile.mkdtemp(prefix="episodic-fault-run-"))
    env = site_environment(work)
    manage(env, "migrate", "--noinput", "-v", "0")
    load_demo(env)
    cache_server = RedisServer(work).start()
    server = Gunicorn(work, {**env, "REDIS_URL": cache_server.url}, workers=2).start()
    phase = "before"
    statuses, seconds_taken = defaultdict(Counter), defaultdict(list)
    stop = threading.Event()

    def read(first):
        for n in range(first, 10**9):
            if stop.is_set():
                return
            current = phase
            answer = Client(server.url, timeout=35).get(PAGES[n % len(PAGES)])
            statuses[current][answer.status] += 1
            seconds_taken[current].append(answer.seconds)

    readers = [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    try:
        for reader in readers:
            reader.start()
        time.sleep(seconds)
        phase = "during"
        cache_server.kill()
        time.sleep(seconds)
        cache_server.start()
        phase = "after"
        time.sleep(seconds)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
        server.stop()
        cache_server.stop()
    for name in ("before", "during", "after"):
        counts = ", ".join(f"{n} × {s or 'no answer'}" for s, n in sorted(statuses[name].items()))
        median = sorted(seconds_taken[name])[len(seconds_taken[name]) // 2]
        print(f"{name}: {counts} (median {median * 1000:.0f} ms)")  # noqa: T201
    total = sum(sum(counts.values()) for counts in statuses.values())
    errors = sum(n for c in statuses.values() for s, n in c.items() if s == 0 or s >= 500)
    log = server.output()
    print(f"5xx or no answer: {errors} of {total}")  # noqa: T201
    print(  # noqa: T201
        f"log: {log.count('Traceback')} tracebacks, "
        f"{log.count('Redis (the cache) is unreachable')} 'Redis is unreachable' warnings"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*map(float, sys.argv[1:]))
