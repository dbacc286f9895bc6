"""The recap page's HTML + CSS + JS, uncompressed and without images, is at most 60 KB."""

import re

from django.conf import settings
from django.contrib.staticfiles import finders

from .factories import build_large_dataset

LIMIT = 60 * 1024


def referenced_assets(html):
    paths = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    paths += re.findall(r'<script src="([^"]+)"', html)
    return [path.removeprefix(settings.STATIC_URL) for path in paths]


def test_heavy_recap_page_weighs_at_most_60_kb(client, db):
    """A recap with 10 stills, 10 tags, 30 credits, editor's picks and a full Also Read."""
    data = build_large_dataset(shows=2, episodes=10)
    recap = data["recaps"][0]
    html = client.get(recap.get_absolute_url()).content
    assets = referenced_assets(html.decode())
    assert len(assets) == 2
    asset_bytes = sum(len(open(finders.find(path), "rb").read()) for path in assets)
    total = len(html) + asset_bytes
    print(f"WEIGHT html={len(html)} assets={asset_bytes} total={total}")  # noqa: T201
    assert total <= LIMIT
