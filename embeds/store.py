"""Asking providers about links when the text holding them is saved, and keeping the answer.

Refresh rules: a link is asked about the first time a saved text holds it. A ready answer is
asked again when a text holding it is saved more than EMBEDS_REFRESH_AFTER_SECONDS (30 days)
after it was fetched (titles and thumbnails change); a failed one after
EMBEDS_RETRY_AFTER_SECONDS (an hour), so a provider that was down is tried again, but not on
every save. A failed refresh keeps the ready answer: a reader never loses an embed because a
provider hiccupped. Nothing here runs on a reader's request."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.fetch import FetchError, fetch
from core.images import validate_image
from core.media_faults import MediaStorageError

from .lines import embed_lines
from .models import Embed
from .oembed import EmbedError, ask
from .providers import provider_for

logger = logging.getLogger(__name__)


def embeddable_urls(*htmls):
    """The links alone on a line of `htmls` that a provider on the allow-list answers for."""
    urls = {line.url for html in htmls for line in embed_lines(html or "")}
    longest = Embed._meta.get_field("url").max_length
    return sorted(url for url in urls if len(url) <= longest and provider_for(url))


def stale(urls, now=None):
    now = now or timezone.now()
    kept = Embed.objects.filter(url__in=urls).filter(
        Q(status=Embed.Status.READY, fetched_at__gte=now - _seconds("REFRESH"))
        | Q(status=Embed.Status.FAILED, fetched_at__gte=now - _seconds("RETRY"))
    )
    fresh = set(kept.values_list("url", flat=True))
    return [url for url in urls if url not in fresh]


def _seconds(kind):
    return timedelta(seconds=getattr(settings, f"EMBEDS_{kind}_AFTER_SECONDS"))


#: What readers see of an embed: a refresh that changes one of these changes pages.
SHOWN = ("status", "provider", "title", "author_name", "player_url", "width", "height", "thumbnail")


def store_embeds(*htmls):
    """Ask about every embeddable link of `htmls` not asked recently; {url: Embed} of those
    asked, each with `changed` telling whether readers would see a difference. Each failure
    is stored, never raised."""
    urls = embeddable_urls(*htmls)
    return {url: store(url) for url in stale(urls)} if urls else {}


def store(url):
    embed = Embed.objects.filter(url=url).first() or Embed(url=url)
    before = [str(getattr(embed, field)) for field in SHOWN] if embed.pk else None
    _ask(embed)
    try:
        with transaction.atomic():
            embed.save()
    except IntegrityError:
        # Another save stored the same link meanwhile: its answer is as good as this one.
        return Embed.objects.get(url=url)
    embed.changed = before is not None and before != [str(getattr(embed, f)) for f in SHOWN]
    return embed


def _ask(embed):
    """Fill `embed` in from its provider's answer (or the reason there is none), unsaved."""
    url = embed.url
    embed.fetched_at = timezone.now()
    try:
        answer = ask(url)
    except EmbedError as error:
        logger.info("Embed of %s failed: %s", url, error)
        if not embed.is_ready:
            embed.status, embed.error = Embed.Status.FAILED, str(error)[:500]
        return
    embed.status, embed.error = Embed.Status.READY, ""
    for field in ("provider", "title", "author_name", "player_url", "width", "height"):
        setattr(embed, field, getattr(answer, field))
    if answer.thumbnail_url != embed.thumbnail_url or not embed.thumbnail:
        embed.thumbnail_url = answer.thumbnail_url
        if answer.thumbnail_url:
            _store_thumbnail(embed, answer.thumbnail_url)
        else:
            embed.thumbnail = None


def _store_thumbnail(embed, thumbnail_url):
    """The thumbnail through core.fetch (public addresses only) and core.images' checks; a
    thumbnail that fails leaves the facade without an image, or with the one it had."""
    try:
        fetched = fetch(
            thumbnail_url,
            max_bytes=settings.MAX_IMAGE_UPLOAD_BYTES,
            accept="image/*",
            total_timeout=settings.EMBEDS_TIMEOUT_SECONDS,
        )
        content = ContentFile(fetched.body, name="thumbnail")
        validate_image(content)
        embed.thumbnail.save(f"{embed.provider}-thumbnail", content, save=False)
    except (FetchError, ValidationError, MediaStorageError) as error:
        logger.info("Thumbnail of %s not stored: %s", embed.url, error)
