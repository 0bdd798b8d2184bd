"""The `sources` and `run` commands, checked through the library (not by parsing output)."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from steppe.cli_sources import run, sources
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
    home = server.route("/", Reply(200, f'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'.encode()))
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
    result = cli("run", "--once", "--quiet")
    assert result.exit_code == 0 and "1 source checks" in result.output
    health = list_sources(open_store(cli.db))[0]
    assert health.last_status == "ok" and health.last_success_at is not None
