"""The providers whose links become embeds, in one place: which page addresses each one
answers for (micawber's patterns), its oEmbed endpoint, and the only hosts its player may be
framed from. A link to anywhere else stays a link.

`EMBEDS_OEMBED_ENDPOINTS` (a setting, {provider name: endpoint}) replaces an endpoint: tests
point every provider at a fake oEmbed server on 127.0.0.1. Mastodon is federated: each host in
`EMBEDS_MASTODON_HOSTS` is a provider of its own (its endpoint is `/api/oembed` on it), and
its player is framed from that host."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from micawber.providers import youtube_re

#: The longest player address kept (Embed.player_url's length, with room for our parameters).
MAX_PLAYER_URL = 900


@dataclass(frozen=True)
class EmbedProvider:
    name: str  # as readers read it
    patterns: tuple  # regular expressions of the page addresses
    endpoint: str
    player_hosts: frozenset
    # Extra parameters of the player's address (privacy, autoplay after the reader's click).
    player_params: tuple = ()
    # Where to frame a post from when the provider's answer has no iframe but a blockquote
    # that its script (which we do not run) turns into one: (attribute, its value -> address).
    player_from_attribute: tuple | None = None
    # The host the player is moved to (YouTube's player without cookies).
    player_host_rewrite: str | None = None
    #: An oEmbed parameter the provider needs (Instagram's access token).
    token_setting: str | None = None

    def endpoint_url(self):
        return settings.EMBEDS_OEMBED_ENDPOINTS.get(self.name, self.endpoint)

    def player_origins(self):
        """Where the facade frames this provider's player from."""
        hosts = {self.player_host_rewrite} if self.player_host_rewrite else self.player_hosts
        return sorted(f"https://{host}" for host in hosts)

    def player_url(self, src):
        """`src` (from the provider's answer) as the address the facade frames on a click, or
        None when it is not an https address on one of the player's hosts."""
        parts = urlsplit(src.strip())
        if len(src) > MAX_PLAYER_URL:
            return None
        if parts.scheme != "https" or parts.hostname not in self.player_hosts:
            return None
        if parts.username or parts.password or parts.port not in (None, 443):
            return None
        host = self.player_host_rewrite or parts.hostname
        query = dict(parse_qsl(parts.query))
        query.update(self.player_params)
        return urlunsplit(("https", host, parts.path, urlencode(query), ""))


def _bluesky_player(uri):
    """at://did:plc:…/app.bsky.feed.post/… -> the post's player on embed.bsky.app."""
    return "https://embed.bsky.app/embed/" + uri.removeprefix("at://")


def _instagram_player(permalink):
    parts = urlsplit(permalink)
    return urlunsplit(("https", parts.netloc, parts.path.rstrip("/") + "/embed/", "", ""))


YOUTUBE = EmbedProvider(
    name="YouTube",
    patterns=(youtube_re,),
    endpoint="https://www.youtube.com/oembed",
    player_hosts=frozenset({"www.youtube.com", "www.youtube-nocookie.com"}),
    player_params=(("autoplay", "1"),),
    player_host_rewrite="www.youtube-nocookie.com",
)
VIMEO = EmbedProvider(
    name="Vimeo",
    patterns=(r"https?://(?:www\.)?vimeo\.com/\d+\S*", r"https?://player\.vimeo\.com/video/\S+"),
    endpoint="https://vimeo.com/api/oembed.json",
    player_hosts=frozenset({"player.vimeo.com"}),
    # Vimeo's "do not track": no cookies, no analytics for the reader.
    player_params=(("dnt", "1"), ("autoplay", "1")),
)
BLUESKY = EmbedProvider(
    name="Bluesky",
    patterns=(r"https://bsky\.app/profile/[^/\s]+/post/[^/\s]+",),
    endpoint="https://embed.bsky.app/oembed",
    player_hosts=frozenset({"embed.bsky.app"}),
    player_from_attribute=("data-bluesky-uri", _bluesky_player),
)
INSTAGRAM = EmbedProvider(
    name="Instagram",
    patterns=(r"https?://(?:www\.)?instagr(?:\.am|am\.com)/(?:\S+/)?(?:p|reel|tv)/\S+",),
    endpoint="https://graph.facebook.com/v16.0/instagram_oembed",
    player_hosts=frozenset({"www.instagram.com"}),
    player_from_attribute=("data-instgrm-permalink", _instagram_player),
    token_setting="EMBEDS_INSTAGRAM_ACCESS_TOKEN",
)


def mastodon(host):
    return EmbedProvider(
        name="Mastodon",
        patterns=(rf"https://{re.escape(host)}/@[^/\s]+/\d+",),
        endpoint=f"https://{host}/api/oembed",
        player_hosts=frozenset({host}),
    )


def all_providers():
    return [YOUTUBE, VIMEO, BLUESKY, INSTAGRAM, *map(mastodon, settings.EMBEDS_MASTODON_HOSTS)]


def provider_for(url):
    """The provider answering for `url`, or None: the allow-list."""
    for provider in all_providers():
        if any(re.fullmatch(pattern, url) for pattern in provider.patterns):
            return provider
    return None


def player_origins():
    """What the Content-Security-Policy's frame-src must allow, and nothing more."""
    return sorted({origin for p in all_providers() for origin in p.player_origins()})
