"""The one way the site fetches a URL, or posts to one: the importer's images, outbound webhooks
(`post`); the catalogue, embeds and ActivityPub next. Whoever wrote the URL (an old export, a
reader, another server), it is fetched only if where it leads is a place on the public internet.

- Only http and https, with no user name or password in the URL.
- `origins`, when given, is the only scheme, host and port fetched, redirects included.
- The host name is resolved once and every address it gives is checked: private, loopback,
  link-local, multicast, reserved and unspecified addresses are refused, IPv4 inside IPv6
  included, whichever way the URL spells them (`127.1`, `0x7f000001`, `2130706433`,
  `0177.0.0.1` are resolved, then refused). The connection goes to the address that was
  checked, never to the name again, so a name that resolves elsewhere a second later (DNS
  rebinding) changes nothing; TLS still checks the certificate against the name.
- Such an address is fetched only from an origin named in `trusted_origins` (what an operator
  typed: the importer's --media-base-url) or from a network in FETCH_ALLOWED_NETWORKS.
- Every redirect is checked the same way, MAX_REDIRECTS at most. A POST follows none: its body
  would go on to wherever the first server points, so a redirect is a failure (`BadStatus`).
- The body is read up to `max_bytes` and no further; the whole exchange, from the connection to
  the last byte, ends at `total_timeout` seconds even if the server trickles.
- No proxy from the environment is used, and nothing is decompressed.
- A request other than a GET (ActivityPub's signed POST to an inbox) is sent once and never
  follows a redirect: its signature names the one address it was made for.

It is written on the standard library's http.client rather than a library: the kept ones either
wrap requests and reach into urllib3's internals (advocate, last released in 2020) or are young
(ssrfguard, drawbridge), and the guarantees above fit in this file.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 5
TOTAL_TIMEOUT = 30
CHUNK_BYTES = 64 * 1024
# The well-known prefix NAT64 gateways translate to the IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A URL that was not fetched; the message says why, in words for a person."""


class Refused(FetchError):
    """The URL, or an address or redirect it leads to, is not one the site fetches."""


class TooLarge(FetchError):
    """The answer is larger than the caller takes."""


class TimedOut(FetchError):
    """The server did not connect or answer in time."""


class Unreachable(FetchError):
    """The name does not resolve, the connection failed, or the answer was not HTTP."""


class BadStatus(FetchError):
    """The server answered with a status other than success."""

    def __init__(self, url, status, headers=None):
        super().__init__(f"{url} answered {status}")
        self.status = status
        # What came with it: a 429's or 503's Retry-After says when to ask again.
        self.headers = headers or {}


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after redirects
    content_type: str
    body: bytes
    status: int = 200


def fetch(
    url,
    *,
    max_bytes,
    origins=None,
    trusted_origins=(),
    accept="*/*",
    connect_timeout=CONNECT_TIMEOUT,
    total_timeout=TOTAL_TIMEOUT,
    method="GET",
    headers=None,
    body=None,
):
    """GET `url` (or send `method` with `body`) and return a `Fetched`, or raise a FetchError
    saying why not. `headers` are sent besides the ones this module sets; a callable gets the
    checked target (`method`, `host` as the Host header names it, `path`) and returns them, so
    a signature is made for the address actually requested, redirects included.

    `origins` and `trusted_origins` are URLs of which only the scheme, host and port count."""
    allowed = None if origins is None else {_origin(urlsplit(o)) for o in origins}
    trusted = {_origin(urlsplit(o)) for o in trusted_origins}
    deadline = time.monotonic() + total_timeout
    for _ in range(MAX_REDIRECTS + 1):
        target = _Target.parse(url)
        if allowed is not None and target.origin not in allowed:
            raise Refused(f"{url} is not on {_listed(allowed)}")
        addresses = _checked_addresses(target, trusted=target.origin in trusted)
        extra = headers(method, target.host_header, target.path) if callable(headers) else headers
        request = _Request(method, {"Accept": accept, **(extra or {})}, body)
        status, answered, content = _exchange(
            target, addresses, request, max_bytes, connect_timeout, deadline
        )
        location = answered.get("Location")
        if status in REDIRECT_STATUSES and location and method == "GET":
            url = urljoin(url, location)
            continue
        if not 200 <= status < 300:
            raise BadStatus(url, status, answered)
        return Fetched(
            url=url, content_type=answered.get("Content-Type", ""), body=content, status=status
        )
    raise Refused(f"{url} redirects more than {MAX_REDIRECTS} times")


def post(
    url,
    body,
    *,
    content_type,
    headers=None,
    max_bytes,
    trusted_origins=(),
    connect_timeout=CONNECT_TIMEOUT,
    total_timeout=TOTAL_TIMEOUT,
):
    """POST `body` (bytes) to `url` once, with `headers` besides the site's own, and return a
    `Fetched` of the answer; raise a FetchError saying why not. A redirect is not followed: it
    is a BadStatus like any answer other than success."""
    return fetch(
        url,
        max_bytes=max_bytes,
        trusted_origins=trusted_origins,
        connect_timeout=connect_timeout,
        total_timeout=total_timeout,
        method="POST",
        headers={**(headers or {}), "Content-Type": content_type},
        body=body,
    )


def check_address(url, trusted_origins=()):
    """Raise a FetchError (Refused, Unreachable) unless `url` names a place `fetch` and `post`
    would connect to now: for a form that takes a URL the site will call later, which checks
    the address again then (DNS rebinding)."""
    _resolved(url, trusted_origins)


def _resolved(url, trusted_origins):
    """(target, checked addresses) of a URL that is not redirected."""
    target = _Target.parse(url)
    trusted = {_origin(urlsplit(o)) for o in trusted_origins}
    return target, _checked_addresses(target, trusted=target.origin in trusted)


@dataclass(frozen=True)
class _Request:
    method: str
    headers: dict
    body: bytes | None = None


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str

    @property
    def origin(self):
        return (self.scheme, self.host, self.port)

    @property
    def host_header(self):
        """The Host header http.client sends: the port only when it is not the scheme's."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @classmethod
    def parse(cls, url):
        if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
            raise Refused(f"{url!r} has spaces or control characters in it")
        try:
            parts = urlsplit(url)
            origin = _origin(parts)
        except ValueError as error:
            raise Refused(f"{url!r} is not a valid address") from error
        if parts.scheme not in DEFAULT_PORTS:
            raise Refused(f"{url!r} is not an http or https address")
        if parts.username is not None or parts.password is not None:
            raise Refused(f"{url!r} has a user name or password in it")
        if not parts.hostname:
            raise Refused(f"{url!r} names no host")
        if not url.isascii():
            raise Refused(f"{url!r} has characters that are not percent-encoded")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(url, *origin, path)


def _origin(parts):
    """(scheme, host, port) of a split URL, the port filled in; ValueError for a bad port."""
    return (parts.scheme, parts.hostname or "", parts.port or DEFAULT_PORTS.get(parts.scheme, 0))


def _listed(origins):
    return " or ".join(sorted(f"{scheme}://{host}:{port}" for scheme, host, port in origins))


def _checked_addresses(target, trusted):
    """[(family, socket address)] the host resolves to, every one of them allowed."""
    try:
        found = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Unreachable(f"{target.host} could not be found") from error
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in found]
    if not trusted:
        for _, sockaddr in addresses:
            if not is_public(sockaddr[0]):
                raise Refused(
                    f"{target.url} leads to {sockaddr[0]}, which is not on the public internet"
                )
    return addresses


def is_public(address):
    """Whether an address (as getaddrinfo gives it) is a public unicast one, or in a network the
    settings allow. An IPv4 address carried in IPv6 (mapped, 6to4, Teredo, NAT64) must be
    public too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in network for network in _allowed_networks()):
        return True
    carried = []
    if ip.version == 6:
        carried = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
        if ip in NAT64:
            carried.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return all(
        each.is_global and not (each.is_multicast or each.is_reserved)
        for each in (ip, *filter(None, carried))
    )


@cache
def _networks(specs):
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)


def _allowed_networks():
    return _networks(tuple(settings.FETCH_ALLOWED_NETWORKS))


def _exchange(target, addresses, request, max_bytes, connect_timeout, deadline):
    """(status, headers, body) of one request to the checked addresses, by `deadline`."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimedOut(f"{target.url} was not fetched in the time allowed")
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(
        target.host, target.port, addresses, min(connect_timeout, remaining)
    )
    # Socket timeouts bound each read, not the whole: a server sending a byte a second would
    # never trip one. At the deadline the socket is shut, and the read in progress ends.
    watchdog = threading.Timer(remaining, connection.abort)
    watchdog.start()
    try:
        connection.connect()
        connection.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        connection.request(
            request.method,
            target.path,
            body=request.body,
            headers={
                **request.headers,
                "User-Agent": user_agent(),
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        body = b""
        if 200 <= response.status < 300:
            body = _read(target, response, max_bytes)
    except (OSError, http.client.HTTPException) as error:
        if connection.aborted or isinstance(error, TimeoutError):
            raise TimedOut(f"{target.url} was not fetched in the time allowed") from error
        raise Unreachable(f"{target.url} could not be fetched: {error}") from error
    finally:
        watchdog.cancel()
        connection.close()
    if connection.aborted:
        # Cut off mid-body, a server that sends no length looks as if it had finished.
        raise TimedOut(f"{target.url} was not fetched in the time allowed")
    return response.status, response.headers, body


def _read(target, response, max_bytes):
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise TooLarge(f"{target.url} is larger than {filesizeformat(max_bytes)}")
    chunks, size = [], 0
    while chunk := response.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"{target.url} is larger than {filesizeformat(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


def user_agent():
    return f"Episodic ({settings.SITE_NAME}; {settings.SITE_DOMAIN})"


class _PinnedConnection:
    """Connects to the checked addresses, in order, and never looks the name up again."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses
        self.aborted = False
        # http.client lets go of `sock` once a response that closes the connection begins;
        # the response still reads from it.
        self.opened = None

    def open_socket(self):
        failure = None
        for family, sockaddr in self.addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(sockaddr)
            except OSError as error:
                sock.close()
                failure = error
            else:
                return sock
        raise failure or OSError("no address to connect to")

    def abort(self):
        self.aborted = True
        if self.opened is not None:
            try:
                # Shut under TLS too (the TLS socket is the same descriptor): it ends a read in
                # progress.
                socket.socket.shutdown(self.opened, socket.SHUT_RDWR)
            except OSError:
                pass


class _PinnedHTTPConnection(_PinnedConnection, http.client.HTTPConnection):
    def connect(self):
        self.sock = self.opened = self.open_socket()


class _PinnedHTTPSConnection(_PinnedConnection, http.client.HTTPSConnection):
    def __init__(self, host, port, addresses, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, addresses, timeout)

    def connect(self):
        # The certificate is checked against the name in the URL (and sent as SNI).
        self.sock = self.opened = self.tls.wrap_socket(
            self.open_socket(), server_hostname=self.host
        )
