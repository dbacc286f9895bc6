"""What a page with rich text needs to show its embeds: the stored answers for its links, in
one query whatever their number (none when the text has no link alone on a line)."""

from .models import Embed
from .store import embeddable_urls


def embeds_for(*htmls):
    """{url: Embed} of the ready embeds of `htmls`."""
    urls = embeddable_urls(*htmls)
    if not urls:
        return {}
    return {embed.url: embed for embed in Embed.objects.filter(url__in=urls, status="ready")}
