"""One mode of `manage.py bench` measured on one dataset: its servers started, every page warmed
once per connection, then for each page a wrk warm-up and the measured run, with what nginx
answered after the warm-up (`X-Cache-Status`) and how busy the machine was."""

import os
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import CommandError

from bench import beacon
from bench.app_process import fetch
from bench.wrk import run_wrk


class Measuring:
    """`options` are the command's (connections, threads, warmup, duration); `servers` a
    bench.modes.ModeServers; `recap_pks` the measured recaps' numbers by address; wrk's Lua
    scripts go in `scratch`; `write` prints a line."""

    def __init__(self, options, servers, recap_pks, scratch, write):
        self.options = options
        self.servers = servers
        self.recap_pks = recap_pks
        self.scratch = scratch
        self.write = write

    def mode(self, round_number, size, mode, url, paths):
        """The figures of each page of `paths` in `mode` on the dataset at `url`."""
        results = []
        with self.servers.serving(mode, url, paths) as urls:
            self.warm(mode, urls)
            for page, target in urls.items():
                script = None
                if page in beacon.PAGES:
                    script = self.scratch / f"{page}.lua"
                    script.write_text(beacon.script(page, paths[page], self.recap_pks[paths[page]]))
                    target = beacon.target(self.servers.base, page, paths[page])
                if self.options["warmup"]:
                    self.wrk(target, self.options["warmup"], script)
                # After the warm-up: what a reader gets now (HIT once nginx keeps the page).
                cache_status = fetch(target)[1].get("X-Cache-Status") if mode == "nginx" else None
                figures = self.wrk(target, self.options["duration"], script)
                figures["rps"] = beacon.pages_per_second(page, figures["rps"])
                results.append(
                    {
                        "round": round_number + 1,
                        "size": size,
                        "mode": mode,
                        "page": page,
                        "url": target,
                        "cache_status": cache_status,
                        "load_average": os.getloadavg()[0],
                        **figures,
                    }
                )
                self.write(
                    f"  round {round_number + 1} {size:>6} {mode:<8} {page:<13} "
                    f"{figures['rps']:9.1f} req/s  p50 {figures['p50_ms']:7.2f} ms  "
                    f"p99 {figures['p99_ms']:7.2f} ms"
                    + (f"  X-Cache-Status {cache_status}" if cache_status else "")
                    + (f"  {figures['errors']} socket errors" if figures["errors"] else "")
                    + (f"  {figures['non_2xx']} non-2xx" if figures["non_2xx"] else "")
                )
        return results

    def warm(self, mode, urls):
        """Every page once per connection, all at once, so that each worker has imported,
        connected and rendered it before wrk starts (a fresh worker's first page is slow)."""
        pool = ThreadPoolExecutor(self.options["connections"])
        try:
            for page, target in urls.items():
                for status, _, _ in pool.map(fetch, [target] * self.options["connections"]):
                    if status != 200:
                        raise CommandError(f"{mode} {page}: {target} answered {status}")
                if page in beacon.PAGES:
                    base = self.servers.base
                    recap_pk = self.recap_pks.get(target.removeprefix(base))
                    if beacon.send(base, recap_pk) != 204:
                        raise CommandError(f"{mode} {page}: the beacon did not answer 204")
        finally:
            # On Ctrl-C, go and stop the servers at once rather than wait for these requests.
            pool.shutdown(wait=False, cancel_futures=True)

    def wrk(self, target, seconds, script=None):
        return run_wrk(
            target, seconds, self.options["connections"], self.options["threads"], script
        )
