"""`steppe ingest` and `steppe extract`: pages, feeds and files into stories (with and without a database)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from steppe.cli.common import db_option, err, json_option, out
from steppe.cli.common import emit_json as _emit_json
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.config import Settings
from steppe.models import IngestReport, ListLink, Page, Rejection, Story
from steppe.publish import queries

if TYPE_CHECKING:
    from steppe.sources.files import FileItem
    from steppe.store import Store

# --- ingest -----------------------------------------------------------------


def _ingest_paths(
    store: Store, paths: list[str], settings: Settings, *, quiet: bool = False
) -> tuple[IngestReport, list[Rejection]]:
    from steppe.pipeline import ingest_items
    from steppe.sources.files import gather, read_file

    files, rejections = gather(paths)  # missing paths, links leaving a folder: refused with a reason

    def items() -> Iterator[FileItem]:
        for path in files:
            yield from read_file(path, max_bytes=settings["ingest.max_bytes"])
            progress.advance(task)

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("ingesting", total=len(files))
        report = ingest_items(items(), store)
    return report, rejections


def _report_dict(report: IngestReport, extra: list[Rejection]) -> dict[str, Any]:
    return {
        "added": report.added,
        "duplicates": report.duplicates,
        "pages": report.pages,
        "pages_seen_before": report.pages_seen_before,
        "quotes": report.quotes,
        "rejected": [{"name": r.name, "reason": r.reason} for r in (*extra, *report.rejected)],
    }


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@json_option
def ingest(paths: tuple[str, ...], db: str | None, as_json: bool) -> None:
    """Ingest files or folders: HTML pages, RSS/Atom/JSON feeds and plain-text page dumps."""
    settings = _settings(db)
    store = _store(settings)
    report, missing = _ingest_paths(store, list(paths), settings, quiet=as_json)
    data = _report_dict(report, missing)
    if as_json:
        _emit_json(data)
    else:
        out.print(
            f"added {data['added']} stories, skipped {data['duplicates']} duplicates "
            f"({data['pages']} pages, {data['pages_seen_before']} seen before), "
            f"{data['quotes']} ticker quotes, rejected {len(data['rejected'])}"
        )
        for r in data["rejected"]:
            out.print(f"  rejected {r['name']}: {r['reason']}")
    if data["rejected"] and not (data["added"] or data["duplicates"] or data["pages_seen_before"]):
        raise SystemExit(1)  # every input was rejected


# --- extract ----------------------------------------------------------------

STORY_FIELDS = (
    "headline",
    "text",
    "published",
    "language",
    "countries",
    "people",
    "organizations",
    "figures",
    "topics",
)


@dataclass(frozen=True)
class ExtractJob:
    """One input of `steppe extract`: a file for the worker to read, bytes already read (stdin), or a refusal."""

    path: str  # as shown in the output
    settings: ExtractSettings
    file: Path | None = None
    body: bytes | None = None
    error: str | None = None  # refused before reading: no such file, a link out of the folder


@dataclass(frozen=True)
class ExtractSettings:
    """What every input of one run shares; `fetched_at` is read once so that every worker agrees."""

    url: str | None
    plain: bool
    max_bytes: int
    fetched_at: datetime


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--url", default=None, help="The URL the page was published at (with several inputs: of each).")
@click.option("--text", "as_text", is_flag=True, help="Treat the inputs as plain-text page dumps.")
@click.option("--jsonl", is_flag=True, help="Print JSON Lines, one object per input, even for one file.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the CPU count).")
def extract(paths: tuple[str, ...], url: str | None, as_text: bool, jsonl: bool, jobs: int | None) -> None:
    """Extract stories, links and ticker rates from pages (no database); prints JSON.

    One file gives one JSON object. Several paths, a folder (read recursively) or --jsonl give
    JSON Lines, one object per input with its "path", in input order; `-` reads standard input.
    An input that fails gets a line with "error", the run goes on, and the exit code is 1.
    """
    shared = ExtractSettings(url, as_text, _settings()["ingest.max_bytes"], datetime.now(UTC))
    inputs = [job for raw in paths for job in _jobs_for(raw, shared)]
    if not (jsonl or len(paths) > 1 or any(p != "-" and Path(p).is_dir() for p in paths)):
        record = page_record(inputs[0])
        if "error" in record:
            raise click.ClickException(f"{Path(inputs[0].path).name or 'stdin'}: {record['error']}")
        del record["path"]
        _emit_json(record)
        return
    failed = 0
    for line, ok in _run_jobs(inputs, jobs or _cpu_count()):
        failed += not ok
        click.echo(line)
    if failed:
        err.print(f"{failed} of {len(inputs)} inputs failed")
        raise click.exceptions.Exit(1)


def _jobs_for(raw: str, shared: ExtractSettings) -> list[ExtractJob]:
    """The inputs one command-line path stands for: stdin, a file, or a folder's files (sorted)."""
    from steppe.sources.files import gather

    if raw == "-":
        return [ExtractJob("-", shared, body=sys.stdin.buffer.read(shared.max_bytes + 1))]
    found, refused = gather([raw])
    if not Path(raw).is_dir():
        return [ExtractJob(raw, shared, file=f.path) for f in found] + [
            ExtractJob(raw, shared, error=r.reason) for r in refused
        ]
    jobs = [ExtractJob(str(f.path), shared, file=f.path) for f in found]
    jobs += [ExtractJob(r.name, shared, error=r.reason) for r in refused]
    return jobs or [ExtractJob(raw, shared, error="no files in this folder")]


def _run_jobs(inputs: list[ExtractJob], workers: int) -> Iterator[tuple[str, bool]]:
    """JSON lines in input order: in this process, or in worker processes started once, forked
    after a warm-up here, so that no worker imports or loads the stages' models again."""
    workers = min(workers, len(inputs))
    if workers <= 1:
        yield from map(page_line, inputs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for body in WARM_UP_PAGES:  # models and tables load on first use: once here, shared by the forked workers
        page_record(ExtractJob("warm-up", inputs[0].settings, body=body))
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunksize = max(1, min(CHUNK_MAX, len(inputs) // (workers * 4)))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(page_line, inputs, chunksize=chunksize)
    except BrokenProcessPool:
        raise click.ClickException("a worker process died (out of memory?): try fewer --jobs") from None


# Two small pages, one English and one Russian, that make the stages load what they load lazily.
WARM_UP_PAGES = tuple(
    (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraph * 4}</article>"
        "<p>USD 478.77 | EUR 520.11</p></body></html>"
    ).encode()
    for title, paragraph in (
        (
            "Bishkek budget",
            "<p>The Kyrgyz parliament approved the budget in Bishkek on Tuesday, Sadyr Japarov said.</p>",
        ),
        ("Бюджет Бишкека", "<p>Жогорку Кенеш утвердил бюджет во вторник в Бишкеке, сообщил Садыр Жапаров.</p>"),
    )
)
CHUNK_MAX = 16  # pages per task: large enough to amortise the hand-off, small enough to balance the load


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def page_line(job: ExtractJob) -> tuple[str, bool]:
    """One input's JSON line, and whether it succeeded (runs in a worker process)."""
    record = page_record(job)
    return json.dumps(record, ensure_ascii=False, default=str), "error" not in record


def page_record(job: ExtractJob) -> dict[str, Any]:
    """One input's extraction as a JSON-ready dict, or {"path", "error"}: never raises for bad input."""
    from steppe.errors import InputRejected
    from steppe.sources.files import read_bounded

    if job.error:
        return {"path": job.path, "error": job.error}
    try:
        if job.body is not None:
            body = job.body
        else:
            assert job.file is not None, "a job with neither bytes nor an error names a file"  # see _jobs_for
            body = read_bounded(job.file, job.settings.max_bytes)
        if len(body) > job.settings.max_bytes:
            raise InputRejected(f"input is over the {job.settings.max_bytes / 1048576:.0f} MB limit")
        return {"path": job.path, **_extraction_dict(job, body)}
    except InputRejected as exc:
        return {"path": job.path, "error": str(exc)}
    except Exception as exc:  # the CLI is the boundary: one bad page never stops the batch
        return {"path": job.path, "error": f"extraction failed ({type(exc).__name__}: {exc})"}


def _extraction_dict(job: ExtractJob, body: bytes) -> dict[str, Any]:
    from steppe.enrich import enrich
    from steppe.errors import InputRejected
    from steppe.extract import extract as run_extract

    shared = job.settings
    name = job.file.name if job.file else ""
    plain = shared.plain or name.lower().endswith((".txt", ".text"))
    page = Page(
        url=shared.url or (job.file.resolve().as_uri() if job.file else "stdin:"),
        site=_host(shared.url) or "local",
        body=body,
        fetched_at=shared.fetched_at,
        content_type="text/plain" if plain else "text/html",
    )
    result = run_extract(page, max_bytes=shared.max_bytes)
    if result.rejected:
        raise InputRejected(result.rejected)
    return {
        "url": result.url,
        "title": result.title,
        "published": result.published.isoformat() if result.published else None,
        "language": result.language,
        "kind": result.kind,
        "rates": [queries.quote_dict(q) for q in result.rates],
        "stories": [_extract_story(enrich(s)) for s in result.stories],
        "links": [_link_dict(link) for link in result.links],
    }


def _link_dict(link: ListLink) -> dict[str, Any]:
    published = link.published.isoformat() if link.published else None
    return {"headline": link.headline, "url": link.url, "teaser": link.teaser, "published": published}


def _host(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if url else None


def _extract_story(story: Story) -> dict[str, Any]:
    data = queries.story_dict(story)
    return {key: data[key] for key in STORY_FIELDS}
