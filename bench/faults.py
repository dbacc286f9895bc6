"""The faults `manage.py bench_load` injects in the middle of a run: Redis killed, or PostgreSQL
stopped, for the outage's length, then started again."""

import time

FAULTS = {
    "redis": "Redis killed (SIGKILL) for {outage} s, then started again, empty",
    "postgres": "PostgreSQL stopped (pg_ctl stop -m fast) for {outage} s, then started again",
}


def inject(fault, redis, cluster, at, outage, window):
    """At `at` (epoch seconds), take the server away for `outage` seconds and bring it
    back; `window` gets the moments it went and was back."""
    time.sleep(max(0.0, at - time.time()))
    window["start"] = time.time()
    try:
        if fault == "redis":
            redis.kill()
            time.sleep(outage)
            redis.start()
        else:
            cluster.stop("fast")
            time.sleep(max(0.0, window["start"] + outage - time.time()))
            cluster.start()
    finally:
        window["end"] = time.time()
