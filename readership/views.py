"""The beacon: one POST from the recap page a reader opened, answered 204 at once.

It stores nothing about the reader: the recap and the referring site's domain are counted
(readership.counting), nothing else. Robots are answered 204 and not counted; a flood from
one address gets 429 after READERSHIP_BEACONS_PER_MINUTE; a recap that is not published, a
malformed body, another site's page or another method get a short 4xx, and the cache being
away changes nothing the reader sees."""

import time

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.client_address import client_ip
from core.crossorigin import is_cross_site
from core.ratelimit import over_limit
from pagecache import tags as cache_tags
from pagecache.fragments import cached_fragment
from recaps.models import Recap

from . import counting, totals, visitors

# recap=<pk>&from=<domain>: far less than this; a bigger body is not the beacon's.
MAX_BODY_BYTES = 2048
LARGEST_PK = 2**63 - 1


def plain(status, text=""):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


# Each beacon is a few Redis round trips: this process remembers its answers for a minute.
# A recap taken down is still counted for that long here; "Most read" lists only published
# recaps whatever was counted.
PUBLISHED_MEMO_SECONDS = 60
PUBLISHED_MEMO_SIZE = 10_000
_published_memo = {}


def is_published(recap_pk):
    """Whether readers may see the recap: remembered by this process for a minute, and in the
    cache until what is published changes, so a beacon after the first runs no query."""
    now = time.monotonic()
    remembered = _published_memo.get(recap_pk)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    published = cached_fragment(
        "readership-published",
        [cache_tags.RECAPS, cache_tags.recap(recap_pk)],
        lambda: Recap.objects.published().filter(pk=recap_pk).exists(),
        key_parts=(recap_pk,),
    )
    if len(_published_memo) >= PUBLISHED_MEMO_SIZE:
        _published_memo.clear()
    _published_memo[recap_pk] = (now + PUBLISHED_MEMO_SECONDS, published)
    return published


@csrf_exempt
@never_cache
@require_POST
def beacon(request):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not (length.isascii() and length.isdigit()):
        return plain(400, "Bad length.")
    if int(length) > MAX_BODY_BYTES:
        return plain(413, "Too large.")
    if is_cross_site(request):
        return plain(403, "Views are counted from this site's pages only.")
    if visitors.is_robot(request.headers.get("User-Agent", "")):
        return plain(204)
    if over_limit("beacon", client_ip(request), settings.READERSHIP_BEACONS_PER_MINUTE):
        response = plain(429, "Too many views at once.")
        response["Retry-After"] = "60"
        return response
    recap = request.POST.get("recap", "")
    if not (recap.isascii() and recap.isdigit() and 0 < int(recap) <= LARGEST_PK):
        return plain(400, "No recap named.")
    recap_pk = int(recap)
    if not is_published(recap_pk):
        return plain(404, "No such recap.")
    counting.count(recap_pk, visitors.referring_domain(request.POST.get("from", "")))
    if counting.local_counts_due():
        totals.add(counting.claim_finished_hours()[0])
    return plain(204)
