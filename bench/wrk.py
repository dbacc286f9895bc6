"""wrk, the load generator `manage.py bench` and `bench_mail` drive: one run against an address,
and its `--latency` report read into figures."""

import re
import subprocess

from django.core.management.base import CommandError

WRK = "/usr/bin/wrk"


def parse_wrk(output):
    """req/s, p50 and p99 (ms), request and error counts from `wrk --latency` output."""

    def milliseconds(text):
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
        scale = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]
        return float(value) * scale

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    if not (rate and p50 and p99):
        raise CommandError(f"unexpected wrk output:\n{output}")
    requests = re.search(r"(\d+) requests in", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rate.group(1)),
        "p50_ms": milliseconds(p50.group(1)),
        "p99_ms": milliseconds(p99.group(1)),
        "requests": int(requests.group(1)) if requests else 0,
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx": int(bad_status.group(1)) if bad_status else 0,
    }


def run_wrk(target, seconds, connections, threads, script=None):
    """The figures of `seconds` of wrk at `target` (a Lua `script` sends what it says)."""
    command = [
        *([WRK, "-s", str(script)] if script else [WRK]),
        f"-c{connections}",
        f"-t{max(1, min(threads, connections))}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        target,
    ]
    # wrk stops itself after `seconds`; the timeout only guards against a hang.
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    if done.returncode:
        raise CommandError(f"wrk failed: {done.stderr}")
    return parse_wrk(done.stdout)
