"""`steppe ingest` and `steppe extract`: pages, feeds and files into stories (with and without a database)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from steppe.cli.common import db_option, err, json_option, out
from steppe.cli.common import emit_json as _emit_json
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.config import Settings
from steppe.models import Page, Rejection
from steppe.publish import queries

# --- ingest -----------------------------------------------------------------


def _ingest_paths(store, paths: list[str], settings: Settings, *, quiet: bool = False):
    from steppe.pipeline import ingest_items
    from steppe.sources.files import expand, read_file

    files = expand(paths)
    missing = [p for p in files if not p.exists()]
    rejections = [Rejection(str(p), "no such file or folder") for p in missing]
    files = [p for p in files if p.exists()]

    def items():
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


def _report_dict(report, extra: list[Rejection]) -> dict[str, Any]:
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


# --- extract ----------------------------------------------------------------


@click.command()
@click.argument("path")
@click.option("--url", default=None, help="The URL the page was published at.")
@click.option("--text", "as_text", is_flag=True, help="Treat the input as a plain-text page dump.")
def extract(path: str, url: str | None, as_text: bool) -> None:
    """Extract stories and ticker rates from one page (no database); prints JSON."""
    from steppe.enrich import enrich
    from steppe.extract import extract as run_extract

    settings = _settings()
    limit = settings["ingest.max_bytes"]
    if path == "-":
        body = sys.stdin.buffer.read(limit + 1)
        name = "stdin"
    else:
        source = Path(path)
        if not source.is_file():
            raise click.ClickException(f"{path}: no such file")
        if source.stat().st_size > limit:
            raise click.ClickException(
                f"{path}: file is {source.stat().st_size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit"
            )
        body = source.read_bytes()
        name = source.name
    plain = as_text or name.lower().endswith((".txt", ".text"))
    page = Page(
        url=url or (Path(path).resolve().as_uri() if path != "-" else "stdin:"),
        site=_host(url) or "local",
        body=body,
        fetched_at=datetime.now(UTC),
        content_type="text/plain" if plain else "text/html",
    )
    result = run_extract(page, max_bytes=limit)
    if result.rejected:
        raise click.ClickException(f"{name}: {result.rejected}")
    stories = [enrich(s) for s in result.stories]
    _emit_json(
        {
            "url": result.url,
            "title": result.title,
            "published": result.published.isoformat() if result.published else None,
            "language": result.language,
            "rates": [queries.quote_dict(q) for q in result.rates],
            "stories": [_extract_story(s) for s in stories],
        }
    )


def _host(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if url else None


def _extract_story(story) -> dict[str, Any]:
    data = queries.story_dict(story)
    return {
        key: data[key]
        for key in (
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
    }
