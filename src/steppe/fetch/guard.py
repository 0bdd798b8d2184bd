"""The SSRF guard: which addresses the fetcher may connect to, checked at connect time.

The check runs inside the network backend, after DNS resolution and just before the
TCP connect, and the socket is opened to the very address that was vetted. So every
hop of a redirect chain is checked, and a name that resolves to a public address when
looked at and a private one when connected to (DNS rebinding) cannot slip through.
TLS still uses the original host name for SNI and certificate checks, and the Host
header is untouched, because httpcore passes the origin's name to ``start_tls``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import anyio
import httpcore
import httpx

from steppe.errors import ConfigError, PrivateAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]
SyncResolver = Callable[[str, int], list[str]]

# Not covered (or not fully) by ``is_global`` in every Python version.
_ALWAYS_REFUSED = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",  # "this network", unspecified
        "100.64.0.0/10",  # carrier-grade NAT (RFC 6598)
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "64:ff9b:1::/48",  # local-use NAT64
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "ff00::/8",  # multicast
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def parse_networks(cidrs: Iterable[str]) -> tuple[IPNetwork, ...]:
    """The allow-listed networks of ``fetch.allow_networks``; ConfigError names a bad one."""
    networks = []
    for cidr in cidrs:
        try:
            networks.append(ipaddress.ip_network(cidr.strip(), strict=False))
        except ValueError:
            raise ConfigError(f"fetch.allow_networks: {cidr!r} is not a CIDR network") from None
    return tuple(networks)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in a mapped, 6to4, Teredo or NAT64 IPv6 address."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal_reason(address: IPAddress) -> str | None:
    """Why the fetcher must not connect to this address, or None when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            reason = refusal_reason(inner)
            return f"{reason} (inside {address})" if reason else None
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local (cloud metadata lives here)", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public", any(address in net for net in _ALWAYS_REFUSED if net.version == address.version)),
        ("non-global", not address.is_global),
    )
    for name, hit in checks:
        if hit:
            return f"{address} is a {name} address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses are allowed; non-public ones only inside ``allowed`` networks."""

    allowed: tuple[IPNetwork, ...] = ()

    def _allow_listed(self, address: IPAddress) -> bool:
        candidates = [address]
        if isinstance(address, ipaddress.IPv6Address) and (embedded := _embedded_ipv4(address)):
            candidates.append(embedded)
        return any(a in net for a in candidates for net in self.allowed if net.version == a.version)

    def check(self, host: str, address: str) -> None:
        """Raise PrivateAddress when ``host`` resolved to an address that must not be reached."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self._allow_listed(ip):
            return
        reason = refusal_reason(ip)
        if reason:
            shown = host if host == address else f"{host} resolves to {address}"
            raise PrivateAddress(f"refused to connect: {shown}; {reason.split(' is ', 1)[1]}")


def _literal(host: str) -> list[str]:
    """[host] when the host is an IP literal (which needs no resolving), else []."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return []


async def resolve_host(host: str, port: int) -> list[str]:
    """Every address a host name resolves to, through the system resolver."""
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in seen:
            seen.append(str(sockaddr[0]))
    return seen


def resolve_host_sync(host: str, port: int) -> list[str]:
    """``resolve_host`` for blocking clients."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(sockaddr[0]) for *_rest, sockaddr in infos))


def vet(policy: AddressPolicy, host: str, addresses: list[str], refused: list[str]) -> None:
    """Refuse the whole host (PrivateAddress) when any address it resolved to is off-limits."""
    if not addresses:
        raise httpcore.ConnectError(f"{host} has no addresses")
    for address in addresses:
        try:
            policy.check(host, address)
        except PrivateAddress:
            refused.append(f"{host}:{address}")
            raise


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that vets the resolved address before every TCP connect."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver = resolve_host,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ):
        self.policy, self.resolver = policy, resolver
        self.refused: list[str] = []  # host:address pairs refused, for logs and tests
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, refuse the whole host if any address is off-limits, then dial a vetted address."""
        addresses = _literal(host) or await self.resolver(host, port)
        vet(self.policy, host, addresses, self.refused)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error  # type: ignore[misc]

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise PrivateAddress("refused to connect: unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedSyncBackend(httpcore.NetworkBackend):
    """``GuardedBackend`` for blocking clients (the banks): the same vetting before every TCP connect."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: SyncResolver = resolve_host_sync,
        inner: httpcore.NetworkBackend | None = None,
    ):
        self.policy, self.resolver = policy, resolver
        self.refused: list[str] = []  # as GuardedBackend's
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Resolve, refuse the whole host if any address is off-limits, then dial a vetted address."""
        addresses = _literal(host) or self.resolver(host, port)
        vet(self.policy, host, addresses, self.refused)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error  # type: ignore[misc]

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        raise PrivateAddress("refused to connect: unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def pool_options(limits: httpx.Limits) -> dict[str, Any]:
    """The connection-pool options of a guarded transport (async or blocking): no proxies from the environment."""
    return {
        "ssl_context": httpx.create_ssl_context(trust_env=False),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
    }
