"""The view counter's cost in `make bench`: two pages beside the reader pages.

- `beacon`: the beacon's POST alone, as the recap page's script sends it (a browser's user
  agent, same-origin, a referring domain), counted for real.
- `recap+beacon`: each GET of the recap page followed by its beacon, as a reader's browser
  does, so the beacon is hit at exactly the page's rate; the figure given is recap pages a
  second (wrk's requests a second halved), to set beside the `recap` page's.

wrk sends them through a Lua script of its own. The rate limit stays on, set high enough
for one address (the bench's) not to reach it (`ENVIRONMENT`), so its cost is measured too."""

import urllib.request

PAGES = ("beacon", "recap+beacon")
BEACON_PATH = "/views/"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
ENVIRONMENT = {"EPISODIC_READERSHIP_BEACONS_PER_MINUTE": str(10**9)}
HEADERS = {
    "Content-Type": "application/x-www-form-urlencoded",
    "User-Agent": USER_AGENT,
    "Sec-Fetch-Site": "same-origin",
}


def body(recap_pk):
    return f"recap={recap_pk}&from=t.co"


def lua_table(values):
    return "{" + ", ".join(f'["{name}"] = "{value}"' for name, value in values.items()) + "}"


def script(page, recap_path, recap_pk):
    """wrk's Lua script for `page`."""
    post = f'wrk.format("POST", "{BEACON_PATH}", {lua_table(HEADERS)}, "{body(recap_pk)}")'
    if page == "beacon":
        return f"request = function() return {post} end\n"
    get = f'wrk.format("GET", "{recap_path}", {lua_table({"User-Agent": USER_AGENT})})'
    return (
        "local n = 0\n"
        "request = function()\n"
        "  n = n + 1\n"
        f"  if n % 2 == 1 then return {get} end\n"
        f"  return {post}\n"
        "end\n"
    )


def pages_per_second(page, requests_per_second):
    return requests_per_second / 2 if page == "recap+beacon" else requests_per_second


def target(base, page, recap_path):
    return base + (BEACON_PATH if page == "beacon" else recap_path)


def send(base, recap_pk, timeout=30):
    """One beacon, as the warm-up sends it: its status."""
    request = urllib.request.Request(
        base + BEACON_PATH, data=body(recap_pk).encode(), headers=HEADERS, method="POST"
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status
