"""The SSRF guard: refused address classes, resolved names, and every hop of a redirect chain."""

from __future__ import annotations

import asyncio
import ipaddress

import httpcore
import pytest

from steppe.errors import ConfigError, PrivateAddress
from steppe.fetch import Fetcher, parse_networks, refusal_reason
from steppe.fetch.guard import AddressPolicy
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)

FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "240.0.0.1",
        "100.64.0.1",
        "198.18.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "2002:a00:1::",
        "64:ff9b::a9fe:a9fe",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert refusal_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None


def test_allow_networks_let_listed_private_networks_through():
    policy = AddressPolicy(parse_networks(["127.0.0.0/8", "10.1.0.0/16"]))
    policy.check("localhost", "127.0.0.1")
    policy.check("intranet", "10.1.2.3")
    policy.check("mapped", "::ffff:127.0.0.1")
    with pytest.raises(PrivateAddress, match="10.2.0.1"):
        policy.check("other", "10.2.0.1")
    with pytest.raises(PrivateAddress, match="169.254.169.254"):
        policy.check("metadata", "169.254.169.254")


def test_a_bad_cidr_is_a_config_error():
    with pytest.raises(ConfigError, match="not-a-net"):
        parse_networks(["not-a-net"])


def fetch(url, config, resolver=None):
    async def go():
        kwargs = {"resolver": resolver} if resolver else {}
        async with Fetcher(config, **kwargs) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())


def fake_dns(table):
    async def resolve(host, port):
        if host not in table:
            raise httpcore.ConnectError(f"unknown host {host}")  # never the real network
        return table[host]

    return resolve


def test_loopback_is_refused_without_an_allow_list(server):
    url = server.route("/feed", Reply(200, FEED))
    with pytest.raises(PrivateAddress, match="loopback"):
        fetch(url, local_config(allow_networks=()))
    assert server.log == []


def test_a_name_resolving_to_a_private_address_is_refused(server):
    url = server.route("/feed", Reply(200, FEED)).replace("127.0.0.1", "feeds.example")
    with pytest.raises(PrivateAddress, match="feeds.example resolves to 127.0.0.1"):
        fetch(url, local_config(allow_networks=()), fake_dns({"feeds.example": ["127.0.0.1"]}))
    assert server.log == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(server):
    url = server.url("/feed", host="mixed.example")
    with pytest.raises(PrivateAddress, match="10.0.0.8"):
        fetch(url, local_config(allow_networks=()), fake_dns({"mixed.example": ["93.184.216.34", "10.0.0.8"]}))


def test_real_dns_for_localhost_is_refused(server):
    url = server.route("/feed", Reply(200, FEED))
    with pytest.raises(PrivateAddress):
        fetch(url.replace("127.0.0.1", "localhost"), local_config(allow_networks=()))
    assert server.log == []


def test_the_vetted_address_is_dialled_with_the_host_header_kept(server):
    url = server.route("/feed", Reply(200, FEED)).replace("127.0.0.1", "feeds.example")
    result = fetch(url, local_config(), fake_dns({"feeds.example": ["127.0.0.1"]}))
    assert result.body == FEED
    assert server.log[-1].headers["host"] == f"feeds.example:{server.port}"


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:{port}/feed",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0:{port}/feed",
        "http://metadata.example/computeMetadata/v1/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(server, target):
    server.route("/start", Reply(302, b"", {"Location": target.format(port=server.port)}))
    with pytest.raises(PrivateAddress):
        fetch(server.url("/start"), local_config(), fake_dns({"metadata.example": ["169.254.169.254"]}))
    assert [r.path for r in server.log if r.path != "/robots.txt"] == ["/start"]


def test_every_hop_is_checked_not_only_the_first(server):
    server.route("/one", Reply(301, b"", {"Location": "/two"}))
    server.route("/two", Reply(302, b"", {"Location": server.url("/three", host="hop.example")}))
    server.route("/three", Reply(302, b"", {"Location": "http://192.168.0.10/admin"}))
    config = local_config(allow_networks=parse_networks(["127.0.0.1/32"]))
    with pytest.raises(PrivateAddress, match="192.168.0.10"):
        fetch(server.url("/one"), config, fake_dns({"hop.example": ["127.0.0.1"]}))
    assert [r.path for r in server.log if r.path != "/robots.txt"] == ["/one", "/two", "/three"]


def test_a_redirect_to_a_loopback_address_outside_the_allow_list_is_refused(server):
    server.route("/start", Reply(302, b"", {"Location": f"http://127.0.0.2:{server.port}/feed"}))
    server.route("/feed", Reply(200, FEED))
    config = local_config(allow_networks=parse_networks(["127.0.0.1/32"]))
    with pytest.raises(PrivateAddress, match="127.0.0.2"):
        fetch(server.url("/start"), config)
    assert server.hits("/feed") == []
