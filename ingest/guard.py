"""The SSRF address guard: which addresses newswire may connect to, checked at connect time.

Feed and page URLs are written by strangers, so every connection is checked *after* the host is
resolved, for the first request and each redirect hop, and the socket connects to the address that
was checked (DNS rebinding cannot swap in 127.0.0.1 between check and connect).

Refused (:func:`refusal`): loopback, private, link-local, multicast, reserved, unspecified and other
non-global addresses, cloud metadata endpoints, and IPv6 addresses that embed a refused IPv4 one:
IPv4-mapped (``::ffff:127.0.0.1``), 6to4 (``2002:7f00:1::1``), Teredo (server or client) and
NAT64 (``64:ff9b::/96``). Python counts 2002::/16 as global, so the embedded address is what decides.

``NEWSWIRE_ALLOW_PRIVATE_NETWORKS=true`` does not remove the guard: it lets a refused address through
only for the *host:port* of a configured feed (the host name as written in the feed URL, IDNA-encoded
and lower-cased, and its port, 80/443 when none is given). A loopback feed's items on the feed's own
host:port are fetched; an item link to another local port, or to the same address under another
name (``localhost`` for ``127.0.0.1``), is still refused. The :class:`~ingest.fetch.Fetcher` allows
every URL it fetches as a feed, since only configured feeds are fetched as feeds.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Callable

import httpcore
import httpx

from newswire.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance-metadata endpoints: link-local / ULA already, named so the refusal says so.
METADATA_ADDRESSES = frozenset({
    ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
})
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
DEFAULT_PORTS = {"http": 80, "https": 443}


def refusal(address: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        else:
            for kind, embedded in embedded_ipv4(address):
                if (why := refusal(embedded)) is not None:
                    return f"a {kind} address embedding {embedded}, {why}"
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for name in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{name}"):
            return f"a {name.replace('_', '-')} address"
    if not address.is_global:
        return "not a globally routable address"
    return None


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address routes to: 6to4, Teredo (server and client), NAT64."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.sixtofour is not None:
        found.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        found += [("Teredo", client), ("Teredo", server)]
    if address in NAT64_PREFIX:
        found.append(("NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)))
    return found


def origin_of(url: str) -> tuple[str, int] | None:
    """``(host, port)`` as the connection sees them (IDNA, lower case, default port); None if unparsable."""
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return None
    port = parsed.port or DEFAULT_PORTS.get(parsed.scheme)
    return (host, port) if host and port else None


class AddressGuard(httpcore.AsyncNetworkBackend):
    """Resolves, refuses non-public addresses (except allowed feed origins), and connects to the address it checked.

    ``classify`` is :func:`ingest.fetch.classify`, passed in so there stays one classifier.
    """

    def __init__(self, classify: Callable[..., FetchError], *, allow_private_networks: bool = False) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._classify = classify
        self.allow_private_networks = allow_private_networks
        self.allowed_origins: set[tuple[str, int]] = set()

    def allow(self, url: str) -> None:
        """Let ``url``'s host:port reach private addresses (only with allow_private_networks)."""
        if self.allow_private_networks and (origin := origin_of(url)) is not None:
            self.allowed_origins.add(origin)

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        loop = asyncio.get_running_loop()
        try:
            address = ipaddress.ip_address(host)
            candidates = [str(address)]
        except ValueError:
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                raise self._classify(host, exc=exc) from exc
            candidates = list(dict.fromkeys(info[4][0] for info in infos))
        exempt = (str(host).lower(), port) in self.allowed_origins
        allowed: list[str] = []
        refused: list[str] = []
        for candidate in candidates:
            why = None if exempt else refusal(ipaddress.ip_address(candidate.split("%")[0]))
            (refused.append(f"{candidate} ({why})") if why else allowed.append(candidate))
        if not allowed:
            hint = ("NEWSWIRE_ALLOW_PRIVATE_NETWORKS=true allows only the host:port of configured feeds, "
                    f"and {host}:{port} is not one" if self.allow_private_networks else
                    "set NEWSWIRE_ALLOW_PRIVATE_NETWORKS=true to allow the hosts of configured local feeds")
            raise self._classify(host, reason="private_address",
                                 message=f"refusing to connect to {host}: it resolves to {', '.join(refused)}; {hint}")
        last_error: Exception | None = None
        for candidate in allowed:  # like happy eyeballs, but only over the addresses we checked
            try:
                return await self._inner.connect_tcp(
                    candidate, port, timeout=timeout, local_address=local_address, socket_options=socket_options)
            except httpcore.ConnectError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
