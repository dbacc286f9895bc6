"""Headers a browser sends with a form posted from another site: every reader-preference form
(core.crossorigin.same_origin_only) must refuse each of them."""

CROSS_SITE_HEADERS = [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
]
