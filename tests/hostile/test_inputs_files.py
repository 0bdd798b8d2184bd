"""Hostile local files (issue 17, items 4 and 9): FIFOs, devices, links out of the folder, untyped files.

`steppe ingest`, `rates import` and `sources import` read regular files only, never more than the
cap, follow a link inside a folder only to a file inside it, and say why a file was turned away;
the rest of the batch lands. The runs that meet a FIFO or /dev/zero go through a subprocess with
a memory limit and a timeout, so the old behaviour (read forever) fails the test instead of
taking the machine down.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from steppe.cli import main
from steppe.sources.files import read_file
from steppe.store import open_store

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need a POSIX system")

ARTICLE = (
    "<html><head><title>Border crossing reopens near Osh</title></head><body><article>"
    "<h1>Border crossing reopens near Osh</h1>"
    + "<p>Customs officers in the Osh region said on Tuesday that the Dostuk crossing reopened for "
    "lorries after repairs to the bridge, and that queues on the Uzbek side shortened by evening.</p>"
    * 4
    + "</article></body></html>"
)
SECRET = "root:$6$notarealhash$private-line-that-must-never-be-published:19000:0:99999:7:::\n"
NBKR = (
    '<?xml version="1.0" encoding="windows-1251"?><CurrencyRates Name="Daily Exchange Rates" Date="02.12.2026">'
    '<Currency ISOCode="USD"><Nominal>1</Nominal><Value>87,4500</Value></Currency></CurrencyRates>'
)


def _limit_memory() -> None:  # runs in the child: the old unbounded read dies here, not on the machine
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


def steppe(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`steppe ARGS` in a child process with 1 GB of address space and a timeout."""
    return subprocess.run(
        [sys.executable, "-m", "steppe.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def batch(tmp_path) -> Path:
    """A folder with one good page beside a FIFO, a link to a secret outside it and a link to /dev/zero."""
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "osh.html").write_text(ARTICLE, encoding="utf-8")
    secret = tmp_path / "outside" / "shadow"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    os.symlink(secret, folder / "shadow.html")
    os.symlink("/dev/zero", folder / "zero.html")
    os.mkfifo(folder / "pipe.html")
    return folder


def _stories(db: str) -> list[dict]:
    return json.loads(run("stories", "--db", db, "--json").output)["stories"]


def test_ingest_refuses_a_fifo_a_device_and_a_link_out_of_the_folder_and_ingests_the_rest(tmp_path, batch):
    db = str(tmp_path / "d.db")
    result = steppe("ingest", str(batch), "/dev/zero", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    reasons = {Path(r["name"]).name: r["reason"] for r in report["rejected"]}
    assert "outside the ingested folder" in reasons["shadow.html"]
    assert "outside the ingested folder" in reasons["zero.html"]
    assert "FIFO" in reasons["pipe.html"]
    assert "character device" in reasons["zero"]
    assert report["added"] == 1
    assert not any("private-line" in story["text"] for story in _stories(db))


def test_a_regular_file_that_says_it_is_empty_is_still_read_only_up_to_the_cap():
    status = Path("/proc/self/status")  # a regular file whose stat size is 0
    if not status.is_file() or status.stat().st_size:
        pytest.skip("needs Linux /proc")
    [item] = list(read_file(status, max_bytes=64))
    assert item.page is None and "over the 64 bytes limit" in item.rejection.reason


def test_a_file_that_is_neither_a_page_a_feed_nor_a_text_dump_is_refused(tmp_path):
    (tmp_path / "shadow").write_text(SECRET, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7\n" + SECRET.encode())
    db = str(tmp_path / "d.db")
    result = run("ingest", str(tmp_path / "shadow"), str(tmp_path / "notes.pdf"), "--db", db, "--json")
    reasons = [r["reason"] for r in json.loads(result.output)["rejected"]]
    assert len(reasons) == 2 and all("unknown file type" in reason for reason in reasons)


def test_a_link_inside_the_folder_to_a_file_inside_it_is_ingested(tmp_path):
    folder = tmp_path / "dumps"
    (folder / "2026").mkdir(parents=True)
    (folder / "2026" / "osh.html").write_text(ARTICLE, encoding="utf-8")
    os.symlink(folder / "2026" / "osh.html", folder / "latest.html")
    report = json.loads(run("ingest", str(folder), "--db", str(tmp_path / "d.db"), "--json").output)
    assert report["rejected"] == [] and report["pages"] == 2


def test_a_story_from_a_local_file_is_named_relatively_not_by_the_server_path(tmp_path):
    folder = tmp_path / "srv" / "dumps"
    folder.mkdir(parents=True)
    (folder / "osh.html").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "d.db")
    assert json.loads(run("ingest", str(folder), "--db", db, "--json").output)["added"] == 1
    store = open_store(db)
    with store.read() as session:
        story = session.stories.get(1)
    store.close()
    assert story.url == "file:dumps/osh.html"  # what is stored; the API may show no link for it at all
    assert str(tmp_path) not in json.dumps(_stories(db))


def test_ingest_exits_non_zero_when_every_input_was_rejected(tmp_path, batch):
    (batch / "osh.html").unlink()
    result = steppe("ingest", str(batch), "--db", str(tmp_path / "d.db"), "--json")
    assert result.returncode == 1
    assert len(json.loads(result.stdout)["rejected"]) == 3


def test_rates_import_reads_regular_files_only_and_lands_the_rest(tmp_path):
    folder = tmp_path / "payloads"
    folder.mkdir()
    (folder / "nbkr-2026-12-02.xml").write_bytes(NBKR.encode("windows-1251"))
    os.mkfifo(folder / "nbkr-2026-12-03.xml")
    secret = tmp_path / "nbkr-secret.xml"
    secret.write_bytes(NBKR.replace("87,4500", "99,9999").encode("windows-1251"))
    os.symlink(secret, folder / "nbkr-2026-12-04.xml")
    db = str(tmp_path / "d.db")
    result = steppe("rates", "import", str(folder), "/dev/zero", "--bank", "NBKR", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    reasons = {Path(r["name"]).name: r["reason"] for r in report["rejected"]}
    assert "FIFO" in reasons["nbkr-2026-12-03.xml"]
    assert "outside the ingested folder" in reasons["nbkr-2026-12-04.xml"]
    assert "character device" in reasons["zero"]
    assert report["quotes"] == 1


def test_rates_import_exits_non_zero_when_every_input_was_rejected(tmp_path):
    (tmp_path / "nbkr-broken.xml").write_bytes(b"<CurrencyRates><Currency")
    result = run("rates", "import", str(tmp_path / "nbkr-broken.xml"), "--db", str(tmp_path / "d.db"), "--json")
    assert result.exit_code == 1
    assert len(json.loads(result.output)["rejected"]) == 1


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_sources_import_refuses_a_fifo_or_a_device_with_a_clear_message(tmp_path, make):
    path = tmp_path / "feeds.opml"
    if make == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    result = steppe("sources", "import", str(path), "--db", str(tmp_path / "d.db"))
    assert result.returncode == 1
    assert "not a regular file" in result.stderr
