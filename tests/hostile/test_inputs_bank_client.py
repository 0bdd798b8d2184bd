"""The banks' HTTP client (issue 17, item 7): the source fetcher's guard on every bank request.

`rates update|backfill` and the daemon's bank keeper used a plain httpx client that followed
redirects anywhere, read any body whole and inflated gzip without bound. ``bank_client`` is now
the guarded blocking client: private addresses refused at connect time on every hop, each
redirect target checked, the body capped after decompression.
"""

from __future__ import annotations

from datetime import date

import pytest

from steppe.cli.common import settings_for
from steppe.cli.rates import bank_client
from steppe.errors import BodyTooLarge, PrivateAddress, TooManyRedirects, UnsafeURL
from steppe.fetch.blocking import GuardedClient
from steppe.rates.sync import update
from test_fetch_server import Reply, gzip_bomb, local_config, server  # noqa: F401 (fixture)


def test_the_bank_client_refuses_a_loopback_bank_without_asking_it(server, tmp_path):
    url = server.route("/rates.xml", Reply(200, b"<rates/>"))
    with bank_client(settings_for(str(tmp_path / "d.db"))) as client, pytest.raises(PrivateAddress):
        client.get(url)
    assert server.log == []


def test_rates_update_records_a_bank_whose_name_resolves_to_a_private_address_as_unreachable(store, tmp_path):
    with bank_client(settings_for(str(tmp_path / "d.db"))) as client:
        client.backend.resolver = lambda host, port: ["10.1.2.3"]  # the bank's name now points inside
        report = update(store, client, date(2026, 12, 2), banks=["NBK"], pause=0)
    [error] = report.errors
    assert "PrivateAddress" in error.reason and "10.1.2.3" in error.reason


def test_a_redirect_to_a_private_address_is_refused_at_the_hop(server):
    url = server.route("/nbk", Reply(302, b"", {"Location": "http://10.0.0.1/internal"}))
    with GuardedClient(local_config()) as client, pytest.raises(PrivateAddress):
        client.get(url)
    assert [r.path for r in server.log] == ["/nbk"]


def test_a_redirect_to_another_scheme_is_refused(server):
    url = server.route("/nbk", Reply(302, b"", {"Location": "file:///etc/passwd"}))
    with GuardedClient(local_config()) as client, pytest.raises(UnsafeURL):
        client.get(url)


def test_a_redirect_loop_stops(server):
    first = server.route("/a", Reply(302, b"", {"Location": "/b"}))
    server.route("/b", Reply(302, b"", {"Location": "/a"}))
    with GuardedClient(local_config()) as client, pytest.raises(TooManyRedirects):
        client.get(first)


def test_a_gzip_bomb_stops_at_the_cap_after_decompression(server):
    url = server.route("/bomb", Reply(200, gzip_bomb(64 * 1024 * 1024), {"Content-Encoding": "gzip"}))
    with GuardedClient(local_config(max_body_bytes=1024 * 1024)) as client, pytest.raises(BodyTooLarge):
        client.get(url)


def test_an_endless_body_stops_at_the_cap(server):
    url = server.route("/endless", Reply(200, (b"x" * 65536 for _ in range(1000))))
    with GuardedClient(local_config(max_body_bytes=1024 * 1024)) as client, pytest.raises(BodyTooLarge):
        client.get(url)


def test_a_bank_answer_keeps_its_status_and_body_for_the_sync_to_judge(server):
    moved = server.route("/old", Reply(301, b"", {"Location": "/new"}))
    server.route("/new", Reply(200, b"<rates>ok</rates>", {"Content-Type": "application/xml"}))
    missing = server.route("/404", Reply(404, b"no file"))
    with GuardedClient(local_config()) as client:
        reply = client.get(moved)
        assert (reply.status_code, reply.content, reply.redirects) == (200, b"<rates>ok</rates>", (moved,))
        assert client.get(missing).status_code == 404
