"""The command line: clean messages, JSON forms, and the demo desk."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import DEMO, DEMO_EXPECTED
from steppe.cli import main
from steppe.store.migrations import MIGRATIONS

DIGEST_DUMP = DEMO / "digest" / "central-asia-digest-2026-11-25.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_extract_on_the_digest_dump_returns_the_ticker_as_rates_and_one_entry_per_story():
    expected = json.loads(DEMO_EXPECTED.read_text(encoding="utf-8"))["digest_headlines"]
    result = run("extract", str(DIGEST_DUMP))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"url", "title", "published", "language", "kind", "rates", "stories", "links"}
    assert [s["headline"] for s in data["stories"]] == expected
    pairs = {(r["base"], r["quote"]) for r in data["rates"]}
    assert {("KGS", "USD"), ("KZT", "USD"), ("TJS", "USD"), ("UZS", "USD"), ("TMT", "USD")} <= pairs
    assert len(data["rates"]) == len(pairs), "a ticker repeated 8 times gives each quote once"
    for story in data["stories"]:
        assert set(story) == {
            "headline",
            "text",
            "published",
            "language",
            "countries",
            "people",
            "organizations",
            "figures",
            "topics",
        }
        assert "/USD =" not in story["text"]
        assert story["published"].startswith("2026-11-25")


def test_extract_reads_standard_input():
    html = (
        "<html><head><title>Bishkek budget</title></head><body><article><h1>Bishkek budget</h1>"
        + "<p>The Kyrgyz parliament approved the 2027 budget after a long debate in Bishkek on Tuesday.</p>" * 5
        + "</article></body></html>"
    ).encode()
    result = run("extract", "-", "--url", "https://example.kg/budget", input=html)
    data = json.loads(result.output)
    assert data["url"] == "https://example.kg/budget"
    assert data["stories"][0]["countries"][0] == "KG"


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
    ],
)
def test_extract_of_bad_input_is_a_message_not_a_traceback(tmp_path, body, reason):
    path = tmp_path / "bad.html"
    path.write_bytes(body)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert reason in result.output and "Traceback" not in result.output


def test_extract_of_an_oversized_file_names_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("STEPPE_INGEST_MAX_BYTES", "1000")
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>x</p>" * 1000)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1 and "over the" in result.output


def test_demo_without_serving_prints_the_digest_with_the_ticker_once(tmp_path):
    result = run("demo", "--no-serve", "--db", str(tmp_path / "demo.db"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Central Asia digest")
    for currency in ("KZT", "KGS", "UZS", "TJS", "TMT"):
        assert sum(f"USD/{currency}" in line for line in lines) == 1, currency
    assert "-0%" not in result.output


def test_db_status_and_upgrade(tmp_path):
    db = str(tmp_path / "s.db")
    names = [f"{num:03d}_{name}" for num, name, _ in MIGRATIONS]
    assert run("db", "upgrade", "--db", db).output.strip() == "applied: " + ", ".join(names)
    assert "up to date" in run("db", "upgrade", "--db", db).output
    statuses = json.loads(run("db", "status", "--db", db, "--json").output)
    assert [s["id"] for s in statuses] == [num for num, _, _ in MIGRATIONS]
    assert all(s["applied_at"] for s in statuses)


def test_stories_json_lists_and_searches(tmp_path):
    db = str(tmp_path / "d.db")
    run("demo", "--no-serve", "--db", db)
    everything = json.loads(run("stories", "--db", db, "--json", "--limit", "200").output)["stories"]
    assert len(everything) >= 20
    kz = json.loads(run("stories", "--db", db, "--json", "--country", "KZ").output)["stories"]
    assert kz and all("KZ" in s["countries"] for s in kz)


def test_a_malformed_search_is_a_clean_message(tmp_path):
    result = CliRunner().invoke(main, ["stories", "--db", str(tmp_path / "d.db"), "--q", "((**))"])
    assert result.exit_code == 1 and "no words" in result.output


def test_rates_import_rejects_an_unknown_file_and_keeps_the_rest(tmp_path):
    bad = tmp_path / "nbk-2026-11-29.xml"
    bad.write_text("<html><body>Техническое обслуживание</body></html>")
    db = str(tmp_path / "d.db")
    result = json.loads(run("rates", "import", str(DEMO / "rates"), str(bad), "--db", db, "--json").output)
    assert result["quotes"] > 20
    assert [r["name"] for r in result["rejected"]] == [str(bad)]
    ticker = json.loads(run("rates", "ticker", "--db", db, "--json").output)["ticker"]
    assert [t["currency"] for t in ticker] == ["KZT", "KGS", "UZS", "TJS", "TMT"]
    assert all("-0%" not in t["text"] for t in ticker)


def test_every_documented_command_is_served_by_the_steppe_group():
    """The README's command table is a contract: each command answers --help through `steppe` itself."""
    runner = CliRunner()
    for command in (
        ["ingest"],
        ["extract"],
        ["stories"],
        ["digest"],
        ["serve"],
        ["demo"],
        ["run"],
        ["worker"],
        ["db", "upgrade"],
        ["db", "status"],
        ["sources", "list"],
        ["sources", "add"],
        ["sources", "import"],
        ["sources", "export"],
        ["sources", "install-outlets"],
        ["rates", "ticker"],
        ["rates", "update"],
        ["rates", "backfill"],
        ["rates", "convert"],
        ["rates", "import"],
    ):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
