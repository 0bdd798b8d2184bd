"""The `sources` and `run` commands, checked through the library (not by parsing output)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
import pytest
from click.testing import CliRunner

from steppe.cli.serve import run, status_line
from steppe.cli.sources import sources
from steppe.daemon.scheduler import RunStatus
from steppe.rates import sync as rates_sync
from steppe.rates.sync import SyncReport
from steppe.sources.manage import list_sources
from steppe.store import open_store
from test_fetch_server import Reply, server  # noqa: F401 (fixture)
from test_sources_refresh import entries, rss


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("STEPPE_FETCH_ALLOW_NETWORKS", "127.0.0.0/8")
    monkeypatch.setenv("STEPPE_CONFIG", str(tmp_path / "none.toml"))
    db = str(tmp_path / "steppe.db")
    group = click.Group(commands={"sources": sources, "run": run})

    def invoke(*args):
        return CliRunner().invoke(group, [*args, "--db", db], catch_exceptions=False)

    invoke.db = db
    return invoke


def test_add_list_disable_enable_export_import_remove(cli, server, tmp_path):
    feed = server.route("/feed.xml", Reply(200, rss(entries(server, 1)), {"Content-Type": "application/rss+xml"}))
    home = server.route(
        "/",
        Reply(200, b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'),
    )
    assert cli("sources", "add", home, "--country", "kg").exit_code == 0
    listed = json.loads(cli("sources", "list", "--json").output)["sources"]
    assert [(s["url"], s["country"], s["state"]) for s in listed] == [(feed, "KG", "enabled")]
    cli("sources", "disable", feed)
    assert not list_sources(open_store(cli.db))[0].source.enabled
    cli("sources", "enable", feed)
    opml = tmp_path / "out.opml"
    cli("sources", "export", "-o", str(opml))
    cli("sources", "remove", feed)
    assert list_sources(open_store(cli.db)) == []
    cli("sources", "import", str(opml))
    assert [h.source.url for h in list_sources(open_store(cli.db))] == [feed]


def test_run_once_refreshes_due_sources_and_exits(cli, server):
    feed = server.route("/feed.xml", Reply(200, rss(entries(server, 2))))
    cli("sources", "add", feed, "--no-discover")
    result = cli("run", "--once", "--quiet", "--no-rates")  # the banks are on the internet: not from tests
    assert result.exit_code == 0 and "1 source checks, 0 bank updates" in result.output
    health = list_sources(open_store(cli.db))[0]
    assert health.last_status == "ok" and health.last_success_at is not None


def test_run_once_updates_every_bank_through_the_rates_sync_entry_point(cli, monkeypatch):
    asked = []

    def fake_update(store, client, day, *, banks):  # stands in for the banks (never the internet in tests)
        asked.extend(banks)
        return SyncReport(requests=1)

    monkeypatch.setattr(rates_sync, "update", fake_update)
    result = cli("run", "--once", "--quiet")
    assert result.exit_code == 0 and "7 bank updates" in result.output
    assert sorted(set(asked)) == sorted(rates_sync.ALL_BANKS)


def test_the_status_line_shows_sources_stories_the_next_bank_and_the_last_error():
    status = RunStatus(
        rounds=3,
        due=4,
        fetching=2,
        parked=1,
        checks=40,
        stories=17,
        last_error="http://127.0.0.1/feed.xml: BadStatus: HTTP 500",
        next_bank=("CBR", datetime(2026, 5, 20, 12, 30, tzinfo=UTC)),
    )
    line = status_line(status, datetime(2026, 5, 20, 10, 20, tzinfo=UTC))
    assert "sources: 4 due, 2 fetching, 1 parked" in line and "17 stories added" in line
    assert "next bank update: CBR 2026-05-20 12:30 UTC (in 2h 10m)" in line
    assert line.endswith("last error: http://127.0.0.1/feed.xml: BadStatus: HTTP 500")
