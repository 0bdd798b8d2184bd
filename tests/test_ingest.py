"""Ingesting files: idempotent, every rejection named, the rest of the batch lands."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from helpers import DEMO
from steppe.cli import main
from steppe.store import open_store


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def counts(db: str) -> dict[str, int]:
    store = open_store(db)
    with store.read() as s:
        return {"stories": s.stories.count(), "pages": s.pages.count(), "quotes": s.quotes.count()}


@pytest.fixture
def demo_news(tmp_path):
    if not (DEMO / "steppe-times").is_dir():
        pytest.fail("the demo corpus is missing from src/steppe/data/demo")
    folder = tmp_path / "news"
    for name in ("steppe-times", "dala-news", "feeds", "digest"):
        shutil.copytree(DEMO / name, folder / name)
    return folder


def test_ingesting_the_demo_corpus_twice_adds_nothing_the_second_time(tmp_path, demo_news):
    db = str(tmp_path / "d.db")
    first = run("ingest", str(demo_news), "--db", db, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["added"] >= 30 and report["rejected"] == []
    before = counts(db)
    second = json.loads(run("ingest", str(demo_news), "--db", db, "--json").output)
    assert second["added"] == 0
    assert second["pages_seen_before"] == second["pages"] == report["pages"]
    assert counts(db) == before


def test_a_changed_copy_of_a_page_is_a_duplicate_not_a_new_story(tmp_path, demo_news):
    db = str(tmp_path / "d.db")
    run("ingest", str(demo_news / "steppe-times"), "--db", db)
    page = sorted((demo_news / "steppe-times").glob("*.html"))[0]
    altered = tmp_path / "altered.html"
    altered.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- re-rendered --></body>"))
    report = json.loads(run("ingest", str(altered), "--db", db, "--json").output)
    assert report["added"] == 0 and report["duplicates"] >= 1


def test_bad_files_are_rejected_with_a_reason_and_the_rest_of_the_batch_lands(tmp_path, demo_news):
    bad = demo_news / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "junk.html").write_bytes(bytes(range(256)) * 40)
    (bad / "broken.rss").write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x</ti")
    big = bad / "huge.html"
    big.write_bytes(b"<html><body>" + b"<p>word </p>" * 1_900_000 + b"</body></html>")
    db = str(tmp_path / "d.db")
    result = run("ingest", str(demo_news), "--db", db, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    reasons = {r["name"].rsplit("/", 1)[-1]: r["reason"] for r in report["rejected"]}
    assert set(reasons) >= {"empty.html", "junk.html", "broken.rss", "huge.html"}, reasons
    assert "empty" in reasons["empty.html"]
    assert "binary" in reasons["junk.html"]
    assert "MB" in reasons["huge.html"]
    assert all(reason.strip() for reason in reasons.values())
    assert report["added"] >= 30


def test_a_missing_path_is_reported_not_a_traceback(tmp_path):
    result = run("ingest", str(tmp_path / "nope.html"), "--db", str(tmp_path / "d.db"), "--json")
    assert result.exit_code == 1  # every input was rejected (issue 17, item 9): said in the report and the status
    assert json.loads(result.output)["rejected"][0]["reason"] == "no such file or folder"


def test_a_windows_1251_page_without_a_declared_charset_is_stored_without_mojibake(tmp_path):
    text = (
        "<html><head><title>Курс тенге укрепился</title></head><body><article><h1>Курс тенге укрепился</h1>"
        + "<p>Национальный банк Казахстана сообщил, что тенге укрепился к доллару на торгах в пятницу. "
        "Аналитики связывают это с ростом цен на нефть и продажей валютной выручки экспортёрами.</p>"
        * 4
        + "</article></body></html>"
    )
    page = tmp_path / "cp1251.html"
    page.write_bytes(text.encode("windows-1251"))
    db = str(tmp_path / "d.db")
    assert json.loads(run("ingest", str(page), "--db", db, "--json").output)["added"] == 1
    stories = json.loads(run("stories", "--db", db, "--json").output)["stories"]
    assert "тенге укрепился" in stories[0]["text"]
    assert "Ð" not in stories[0]["text"] and "Ã" not in stories[0]["text"]


def test_feed_entries_whose_links_are_not_web_addresses_are_rejected_by_name(tmp_path):
    feed = tmp_path / "hostile.rss"
    body = "<p>" + "Officials in Dushanbe and Tashkent opened a new border crossing for trucks. " * 8 + "</p>"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>Bad link</title><link>javascript:alert(1)</link><description>{body}</description></item>"
        f"<item><title>Good link</title><link>https://good.example/a</link><description>{body}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    report = json.loads(run("ingest", str(feed), "--db", str(tmp_path / "d.db"), "--json").output)
    assert report["added"] == 1
    assert ["javascript:" in r["reason"] for r in report["rejected"]] == [True]
    stories = json.loads(run("stories", "--db", str(tmp_path / "d.db"), "--json").output)["stories"]
    assert [s["url"] for s in stories] == ["https://good.example/a"]
