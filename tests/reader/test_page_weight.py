"""The recap page's HTML + CSS + JS, uncompressed and without images, is at most 44 KB (44,000
bytes): the stylesheet and script counted as they are served (minified by collectstatic). It
was 40 KB until the follow-by-e-mail forms (the show's at the recap's end, "everything" in the
footer, with their CSS and script: about 2.5 KB) came; the page was within 100 bytes of it.
It was 43 KB until the view counter (readership: the beacon's script and attributes, the
"Most read this week" styles, about 330 bytes) came; the page then weighed 43,327 bytes."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders

from core.staticfiles import served
from demo.bulk import build_large_dataset

LIMIT = 44_000


def referenced_assets(html):
    paths = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    paths += re.findall(r'<script src="([^"]+)"', html)
    return [path.removeprefix(settings.STATIC_URL) for path in paths]


def test_heavy_recap_page_weighs_at_most_44_kb(client, db):
    """A recap with 10 stills, 10 tags, 30 credits, editor's picks and a full Also Read."""
    data = build_large_dataset(shows=2, episodes=10)
    recap = data["recaps"][0]
    html = client.get(recap.get_absolute_url()).content
    assets = referenced_assets(html.decode())
    assert len(assets) == 2
    asset_bytes = sum(
        len(served(path, open(finders.find(path), encoding="utf-8").read()).encode())
        for path in assets
    )
    total = len(html) + asset_bytes
    print(f"WEIGHT html={len(html)} assets={asset_bytes} total={total}")  # noqa: T201
    assert total <= LIMIT
