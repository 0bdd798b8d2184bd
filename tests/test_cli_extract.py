"""`steppe extract PATH... [--jobs N] [--jsonl]`: one object for one file, JSON Lines for a batch, in input order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from steppe.cli import main
from steppe.models import Extraction, ListLink

ARTICLES = {
    "naryn.html": (
        "Naryn Hydropower Cascade Gets a Second Turbine",
        "Engineers in Naryn switched on the second turbine of the Kambarata cascade on Monday, the energy ministry "
        "of Kyrgyzstan said, adding that winter shortages should ease in the southern provinces.",
    ),
    "almaty.html": (
        "Almaty Opens a Night Bus Network",
        "The city of Almaty launched twelve night bus routes on Friday, Kazakhstan's transport ministry said; the "
        "buses will run every twenty minutes between midnight and five in the morning.",
    ),
    "khujand.html": (
        "Khujand Textile Mill Doubles Its Exports",
        "A textile mill in Khujand doubled its cotton yarn exports to Turkey this year, Tajikistan's statistics "
        "agency said on Wednesday, citing new spinning lines bought with a state loan.",
    ),
}


def article(title: str, paragraph: str, ticker: str = "") -> bytes:
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2026-03-10T09:00:00+06:00"></head>'
        f"<body><div class='rates'>{ticker}</div><article><h1>{title}</h1>{f'<p>{paragraph}</p>' * 4}</article>"
        "</body></html>"
    ).encode()


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "south").mkdir(parents=True)
    for name, (title, paragraph) in ARTICLES.items():
        target = folder / "south" / name if name == "khujand.html" else folder / name
        target.write_bytes(article(title, paragraph))
    return folder


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, ["extract", *args], input=input, catch_exceptions=False)


def lines_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_one_file_prints_one_object_with_kind_and_links(pages: Path) -> None:
    result = run(str(pages / "almaty.html"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "path" not in data
    assert data["kind"] == "article" and data["links"] == []
    assert data["stories"][0]["headline"] == "Almaty Opens a Night Bus Network"


def test_several_paths_print_one_line_each_in_the_order_given(pages: Path) -> None:
    order = [pages / "naryn.html", pages / "south" / "khujand.html", pages / "almaty.html"]
    result = run(*map(str, order), "--jobs", "1")
    assert result.exit_code == 0, result.output
    records = lines_of(result.stdout)
    assert [r["path"] for r in records] == [str(p) for p in order]
    assert [r["stories"][0]["headline"] for r in records] == [
        ARTICLES["naryn.html"][0],
        ARTICLES["khujand.html"][0],
        ARTICLES["almaty.html"][0],
    ]


def test_a_folder_is_read_recursively_in_path_order(pages: Path) -> None:
    records = lines_of(run(str(pages), "--jobs", "1").stdout)
    assert [Path(r["path"]).relative_to(pages).as_posix() for r in records] == [
        "almaty.html",
        "naryn.html",
        "south/khujand.html",
    ]
    assert {r["kind"] for r in records} == {"article"}


def test_jsonl_flag_gives_a_line_for_one_file(pages: Path) -> None:
    result = run(str(pages / "naryn.html"), "--jsonl")
    [record] = lines_of(result.stdout)
    assert record["path"] == str(pages / "naryn.html") and record["stories"]


def test_failed_inputs_get_an_error_line_the_run_goes_on_and_the_exit_code_says_so(pages: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    picture = tmp_path / "photo.html"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    missing = tmp_path / "gone.html"
    result = run(str(empty), str(pages / "naryn.html"), str(missing), str(picture), str(pages / "almaty.html"))
    assert result.exit_code == 1
    records = lines_of(result.stdout)
    assert [r["path"] for r in records] == [
        str(empty),
        str(pages / "naryn.html"),
        str(missing),
        str(picture),
        str(pages / "almaty.html"),
    ]
    assert "empty" in records[0]["error"]
    assert "no such file" in records[2]["error"]
    assert "binary" in records[3]["error"]
    assert "error" not in records[1] and "error" not in records[4]
    assert records[4]["stories"][0]["headline"] == ARTICLES["almaty.html"][0]


def test_an_oversized_file_in_a_batch_is_an_error_line_naming_the_limit(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEPPE_INGEST_MAX_BYTES", "2000")
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>filler</p>" * 1000)
    result = run(str(big), str(pages / "naryn.html"))
    records = lines_of(result.stdout)
    assert result.exit_code == 1 and "over the" in records[0]["error"]
    assert records[1]["stories"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(pages: Path) -> None:
    os.mkfifo(pages / "pipe.html")
    records = lines_of(run(str(pages), "--jobs", "1").stdout)
    assert [r["error"] for r in records if "error" in r] == ["not a regular file: a FIFO (named pipe)"]


def test_dash_reads_standard_input_within_a_batch(pages: Path) -> None:
    title, paragraph = ARTICLES["khujand.html"]
    result = run("-", str(pages / "naryn.html"), input=article(title, paragraph))
    records = lines_of(result.stdout)
    assert records[0]["path"] == "-" and records[0]["stories"][0]["headline"] == title
    assert records[1]["path"] == str(pages / "naryn.html")


def test_rates_of_a_name_ticker_are_quoted_in_the_sites_home_currency(tmp_path: Path) -> None:
    title, paragraph = ARTICLES["almaty.html"]
    page = tmp_path / "ticker.html"
    page.write_bytes(article(title, paragraph, ticker="Dollar 478.77 / Euro 520.11 / Yuan 66.2"))
    data = json.loads(run(str(page), "--url", "https://news.example.kz/almaty-buses").output)
    assert {(r["base"], r["quote"], r["amount"]) for r in data["rates"]} == {
        ("USD", "KZT", "478.77"),
        ("EUR", "KZT", "520.11"),
        ("CNY", "KZT", "66.2"),
    }


def test_list_pages_print_their_kind_and_links(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    links = (
        ListLink("Night buses for Almaty", "https://news.example.kz/a/1", "Twelve routes from Friday.", None),
        ListLink("Metro extension opens", "https://news.example.kz/a/2", None, datetime(2026, 3, 9, 8, tzinfo=UTC)),
    )
    listing = Extraction(url="https://news.example.kz/city", title="City", published=None, language="en")
    listing = Extraction(**{**listing.__dict__, "kind": "list", "links": links})
    monkeypatch.setattr("steppe.extract.extract", lambda page, **_: listing)
    [record] = lines_of(run(str(pages / "almaty.html"), "--jsonl", "--jobs", "1").stdout)
    assert record["kind"] == "list" and record["stories"] == []
    assert record["links"] == [
        {
            "headline": "Night buses for Almaty",
            "url": "https://news.example.kz/a/1",
            "teaser": "Twelve routes from Friday.",
            "published": None,
        },
        {
            "headline": "Metro extension opens",
            "url": "https://news.example.kz/a/2",
            "teaser": None,
            "published": "2026-03-09T08:00:00+00:00",
        },
    ]


def test_output_with_four_jobs_is_byte_identical_to_one_job(pages: Path, tmp_path: Path) -> None:
    for i in range(9):  # more inputs than workers, so that chunks and their order matter
        title, paragraph = ARTICLES[sorted(ARTICLES)[i % 3]]
        (pages / f"copy-{i}.html").write_bytes(article(f"{title} ({i})", paragraph))
    (pages / "broken.html").write_bytes(b"")
    one, four = run(str(pages), "--jobs", "1"), run(str(pages), "--jobs", "4")
    assert one.exit_code == four.exit_code == 1
    assert len(one.stdout.splitlines()) == 13
    assert four.stdout == one.stdout


def test_the_installed_command_runs_a_batch_in_worker_processes(pages: Path) -> None:
    (pages / "empty.html").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "steppe.cli", "extract", str(pages), "--jobs", "2"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    names = [Path(r["path"]).relative_to(pages).as_posix() for r in records]
    assert names == ["almaty.html", "empty.html", "naryn.html", "south/khujand.html"]
    assert "error" in records[1] and all(r["stories"] for i, r in enumerate(records) if i != 1)
    assert "1 of 4 inputs failed" in done.stderr.decode()
    in_process = lines_of(run(str(pages), "--jobs", "1").stdout)
    assert records == in_process
