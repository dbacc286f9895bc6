"""Asking a provider about a link: micawber's oEmbed client, its requests sent through
`core.fetch` (the one guarded way out), and its answer read as untrusted input. Only what the
facade shows is kept: the title, the author, the size, the thumbnail's address and the
player's address, which must be an https address on the provider's own player hosts. The
answer's HTML is never stored or shown."""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from micawber.exceptions import (
    InvalidResponseException,
    ProviderException,
    ProviderHTTPException,
    ProviderTimeoutException,
)
from micawber.providers import Provider, ProviderRegistry

from core.fetch import BadStatus, FetchError, TimedOut, fetch

from .providers import all_providers, provider_for

MAX_TITLE = 300
MAX_AUTHOR = 200
MAX_SIDE = 10_000


class EmbedError(Exception):
    """A link that cannot be embedded; the message says why, for an editor."""


@dataclass(frozen=True)
class Answer:
    provider: str
    title: str
    author_name: str
    player_url: str
    width: int | None
    height: int | None
    thumbnail_url: str


class GuardedProvider(Provider):
    """micawber's provider, fetching through core.fetch: public addresses only (the endpoint,
    which an operator configures, excepted), size and time limits, no redirect elsewhere."""

    def fetch(self, url):
        try:
            fetched = fetch(
                url,
                max_bytes=settings.EMBEDS_MAX_ANSWER_BYTES,
                origins=[self.endpoint],
                trusted_origins=[self.endpoint],
                accept="application/json",
                total_timeout=settings.EMBEDS_TIMEOUT_SECONDS,
            )
        except BadStatus as error:
            raise ProviderHTTPException(url, error.status) from error
        except TimedOut as error:
            raise ProviderTimeoutException(str(error)) from error
        except FetchError as error:
            raise ProviderException(str(error)) from error
        try:
            return fetched.body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidResponseException("the answer is not UTF-8 text") from error


def _registry():
    registry = ProviderRegistry()
    for provider in all_providers():
        params = {}
        if provider.token_setting:
            params["access_token"] = getattr(settings, provider.token_setting)
        for pattern in provider.patterns:
            registry.register(pattern + r"\Z", GuardedProvider(provider.endpoint_url(), **params))
    return registry


def ask(url):
    """The provider's answer about `url` as an `Answer`, or EmbedError saying why not."""
    provider = provider_for(url)
    if provider is None:
        raise EmbedError(f"{url} is not from a provider the site embeds")
    if provider.token_setting and not getattr(settings, provider.token_setting):
        raise EmbedError(f"{provider.name} answers only with {provider.token_setting} set")
    try:
        data = _registry().request(url, maxwidth=settings.EMBEDS_MAX_WIDTH)
    except (ProviderException, RecursionError) as error:
        raise EmbedError(f"{provider.name} did not describe {url}: {error}") from error
    player_url = _player_url(provider, _text(data.get("html"), 100_000))
    if player_url is None:
        raise EmbedError(f"{provider.name}'s answer has no player on {provider.name}'s hosts")
    thumbnail = _text(data.get("thumbnail_url"), 2000)
    return Answer(
        provider=provider.name,
        # micawber puts the address in a missing title: no title is better than that.
        title="" if data.get("title") == url else _text(data.get("title"), MAX_TITLE),
        author_name=_text(data.get("author_name"), MAX_AUTHOR),
        player_url=player_url,
        width=_side(data.get("width")),
        height=_side(data.get("height")),
        thumbnail_url=thumbnail if thumbnail.startswith(("https://", "http://")) else "",
    )


def _text(value, limit):
    # An answer may give any JSON type.
    return value.strip()[:limit] if isinstance(value, str) else ""


def _side(value):
    try:
        side = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return side if 0 < side <= MAX_SIDE else None


class _PlayerFinder(HTMLParser):
    """The first iframe's src, and the first value of an attribute, in the answer's HTML."""

    def __init__(self, attribute):
        super().__init__()
        self.attribute = attribute
        self.iframe_src = None
        self.attribute_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "iframe" and self.iframe_src is None and attrs.get("src"):
            self.iframe_src = attrs["src"]
        if self.attribute and self.attribute_value is None and attrs.get(self.attribute):
            self.attribute_value = attrs[self.attribute]


def _player_url(provider, html):
    attribute, to_player = provider.player_from_attribute or (None, None)
    finder = _PlayerFinder(attribute)
    finder.feed(html)
    finder.close()
    if finder.iframe_src:
        return provider.player_url(finder.iframe_src)
    if finder.attribute_value:
        return provider.player_url(to_player(finder.attribute_value))
    return None
