"""The reader's address: what rate limits count, comments store and the login lockout (axes'
AXES_CLIENT_IP_CALLABLE) locks. The one place that reads REMOTE_ADDR and X-Forwarded-For.

Behind proxies every request reaches gunicorn from the nearest proxy, and each proxy appends
to X-Forwarded-For the address that talked to it; anything further left is whatever the client
chose to send. DJANGO_TRUSTED_PROXIES (the TRUSTED_PROXIES setting) says which hops to believe:

- unset, or `0`: no proxy; the connection's address is the reader's and the header is ignored.
- a number of hops (`1` for nginx, `2` for a CDN and nginx): the reader is that many entries
  from the right of the header, provided the connection comes from where a proxy of ours can
  be: a unix socket, loopback or a private network (10/8, 172.16/12, 192.168/16, fc00::/7).
  A request from anywhere else reached gunicorn past the proxies, so its header is ignored.
- networks (`10.0.0.0/8,192.0.2.10`): every hop inside them is a proxy, skipped from the right;
  the first address outside is the reader.
- a number and networks (`2,10.0.0.0/8`): that many hops, the nearest of which must be in the
  networks (instead of loopback or a private network).

A header the site cannot believe, and a hop count reached from outside, are logged once per
process (logger `core.client_address`); `check` warns when production has no setting at all
(episodic.W005, core.checks)."""

import ipaddress
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# Where a proxy in front of gunicorn can stand when only a hop count is given: this machine
# (the README binds gunicorn to 127.0.0.1 or a unix socket) or a private network.
LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "127.0.0.0/8",
        "::1/128",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    )
)


@dataclass(frozen=True)
class TrustedProxies:
    """DJANGO_TRUSTED_PROXIES, parsed: `hops` is None when only networks are given."""

    hops: int | None = None
    networks: tuple = ()

    @property
    def trusts_any(self):
        return bool(self.hops or self.networks)

    def is_proxy(self, address):
        """May `address` be a proxy of ours? None is a unix socket: only this machine's."""
        if address is None:
            return self.trusts_any
        networks = self.networks or (LOCAL_NETWORKS if self.hops else ())
        return any(address in network for network in networks)


def parse(entries):
    """TrustedProxies from the setting's entries; ImproperlyConfigured for anything else."""
    hops, networks = [], []
    for entry in entries:
        if entry.isdigit():
            hops.append(int(entry))
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"DJANGO_TRUSTED_PROXIES: {entry!r} is not a network; give a number of proxy "
                "hops, the proxies' addresses and networks, or both."
            ) from None
    if len(hops) > 1:
        raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES: give one number of proxy hops.")
    if hops == [0] and networks:
        raise ImproperlyConfigured(
            "DJANGO_TRUSTED_PROXIES: 0 says there is no proxy; list no networks with it."
        )
    return TrustedProxies(hops=hops[0] if hops else None, networks=tuple(networks))


@lru_cache
def _parsed(entries):
    return parse(entries)


def trusted_proxies():
    """The TRUSTED_PROXIES setting, parsed once per value."""
    return _parsed(tuple(settings.TRUSTED_PROXIES))


def _address(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket shows IPv4 peers as ::ffff:a.b.c.d.
    return getattr(address, "ipv4_mapped", None) or address


_warned = set()


def _warn_once(kind, message, *args):
    """A misconfiguration shows on every request; the log says so once per process."""
    if kind not in _warned:
        _warned.add(kind)
        logger.warning(message, *args)


def client_ip(request):
    """The reader's address as text ("" for a unix socket without proxy headers)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    proxies = trusted_proxies()
    # gunicorn gives a unix socket's connection an empty address.
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    own = str(peer) if peer is not None else ""
    if not proxies.is_proxy(peer):
        if not proxies.trusts_any and forwarded:
            _warn_once(
                "no proxies",
                "X-Forwarded-For arrived (from %s) but DJANGO_TRUSTED_PROXIES names no proxy: "
                "the header is ignored, so behind a proxy every reader shares its address in "
                "rate limits and the login lockout. Set DJANGO_TRUSTED_PROXIES (README, "
                "Deploying).",
                own or "a unix socket",
            )
        elif proxies.trusts_any and (forwarded or proxies.hops):
            _warn_once(
                "not a proxy",
                "A request came straight from %s, which DJANGO_TRUSTED_PROXIES does not take "
                "for a proxy: its X-Forwarded-For is ignored. Let only the proxy reach "
                "gunicorn (bind it to 127.0.0.1 or a unix socket) or list the proxies' "
                "networks.",
                own,
            )
        return own
    chain = [_address(hop) for hop in forwarded.split(",") if hop.strip()]
    if not chain:
        return own
    if proxies.hops:
        # The nearest proxy appended the last entry, the next one the entry before: the
        # reader is `hops` from the right. A shorter header was written by our proxies alone.
        client = chain[-proxies.hops] if len(chain) >= proxies.hops else chain[0]
    else:
        client = chain[0]
        for address in reversed(chain):
            if address is None or not proxies.is_proxy(address):
                client = address
                break
    return str(client) if client is not None else own
