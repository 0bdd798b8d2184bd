"""The `steppe` command line: thin click commands over the pipeline, queries and store.

The library never imports this module; this module turns Steppe's errors into
clean one-line messages and exit codes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, queries
from .config import Settings
from .digest import FORMATS, render
from .errors import SteppeError
from .models import Page, Rejection

from .cli_common import db_option, emit_json as _emit_json, err, json_option, out
from .cli_common import open_settings_store as _store, settings_for as _settings







class SteppeGroup(click.Group):
    """A click group that turns Steppe errors into messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SteppeError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # the last guard: a message, not a traceback
            if os.environ.get("STEPPE_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {exc.__class__.__name__}: {exc} (set STEPPE_DEBUG=1 for the traceback)"
            ) from None


@click.group(cls=SteppeGroup)
@click.version_option(__version__, prog_name="steppe")
def main() -> None:
    """Steppe: a self-hosted news and rates desk for Central Asia."""


# --- ingest -----------------------------------------------------------------

def _ingest_paths(store, paths: list[str], settings: Settings, *, quiet: bool = False):
    from .pipeline import ingest_items
    from .sources.files import expand, read_file

    files = expand(paths)
    missing = [p for p in files if not p.exists()]
    rejections = [Rejection(str(p), "no such file or folder") for p in missing]
    files = [p for p in files if p.exists()]

    def items():
        for path in files:
            yield from read_file(path, max_bytes=settings["ingest.max_bytes"])
            progress.advance(task)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=quiet) as progress:
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


@main.command()
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
        out.print(f"added {data['added']} stories, skipped {data['duplicates']} duplicates "
                  f"({data['pages']} pages, {data['pages_seen_before']} seen before), "
                  f"{data['quotes']} ticker quotes, rejected {len(data['rejected'])}")
        for r in data["rejected"]:
            out.print(f"  rejected {r['name']}: {r['reason']}")


# --- extract ----------------------------------------------------------------

@main.command()
@click.argument("path")
@click.option("--url", default=None, help="The URL the page was published at.")
@click.option("--text", "as_text", is_flag=True, help="Treat the input as a plain-text page dump.")
def extract(path: str, url: str | None, as_text: bool) -> None:
    """Extract stories and ticker rates from one page (no database); prints JSON."""
    from .enrich import enrich
    from .extract import extract as run_extract

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
                f"{path}: file is {source.stat().st_size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit")
        body = source.read_bytes()
        name = source.name
    plain = as_text or name.lower().endswith((".txt", ".text"))
    page = Page(url=url or (Path(path).resolve().as_uri() if path != "-" else "stdin:"),
                site=_host(url) or "local", body=body, fetched_at=datetime.now(timezone.utc),
                content_type="text/plain" if plain else "text/html")
    result = run_extract(page, max_bytes=limit)
    if result.rejected:
        raise click.ClickException(f"{name}: {result.rejected}")
    stories = [enrich(s) for s in result.stories]
    _emit_json({
        "url": result.url,
        "title": result.title,
        "published": result.published.isoformat() if result.published else None,
        "language": result.language,
        "rates": [queries.quote_dict(q) for q in result.rates],
        "stories": [_extract_story(s) for s in stories],
    })


def _host(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if url else None


def _extract_story(story) -> dict[str, Any]:
    data = queries.story_dict(story)
    return {key: data[key] for key in ("headline", "text", "published", "language", "countries", "people",
                                       "organizations", "figures", "topics")}


# --- stories, digest, serve -------------------------------------------------

@main.command()
@click.option("--country", default=None, help="ISO code, e.g. KZ.")
@click.option("--q", "q", default=None, help="Search words (Latin or Cyrillic).")
@click.option("--topic", default=None)
@click.option("--limit", default=20, show_default=True)
@db_option
@json_option
def stories(country: str | None, q: str | None, topic: str | None, limit: int, db: str | None,
            as_json: bool) -> None:
    """List stored stories, newest first."""
    store = _store(_settings(db))
    page = queries.list_stories(store, queries.story_filter(country=country, q=q, topic=topic), limit=limit)
    if as_json:
        _emit_json({"stories": [queries.story_dict(s) for s in page.stories], "next_cursor": page.next_cursor})
        return
    table = Table("id", "date", "countries", "site", "headline", box=None)
    for s in page.stories:
        table.add_row(str(s.id), s.published.date().isoformat() if s.published else "", ",".join(s.countries),
                      s.site, s.headline)
    out.print(table)


@main.command()
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Day of the digest (default: the latest day with stories).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--email", "recipients", multiple=True, metavar="TO",
              help="E-mail the digest to TO (repeatable) through the configured SMTP server instead of printing it.")
@click.option("--base-url", default=None, metavar="URL",
              help="Steppe's public address, to link each headline of the HTML digest to its story page.")
@db_option
@json_option
def digest(day: datetime | None, fmt: str, recipients: tuple[str, ...], base_url: str | None, db: str | None,
           as_json: bool) -> None:
    """Print (or e-mail) the daily digest: the ticker once, then stories grouped by country."""
    settings = _settings(db)
    store = _store(settings)
    if recipients:
        email_digest(store, settings, day.date() if day else None, list(recipients), base_url)
        return
    print_digest(store, settings, day.date() if day else None, fmt, as_json, base_url=base_url)


def _digest_of(store, settings: Settings, day: date | None):
    day = day or queries.latest_story_day(store) or date.today()
    return queries.digest(store, day, orientation=settings["ticker.orientation"],
                          currencies=settings["ticker.currencies"])


def print_digest(store, settings: Settings, day: date | None, fmt: str, as_json: bool, *,
                 base_url: str | None = None) -> None:
    """Render the digest of a day (default: the latest day with stories)."""
    result = _digest_of(store, settings, day)
    if as_json:
        _emit_json(queries.digest_dict(result))
    else:
        click.echo(render(result, fmt, base_url=base_url), nl=False)


def email_digest(store, settings: Settings, day: date | None, recipients: list[str], base_url: str | None) -> None:
    """Send the digest of a day through the SMTP server of the settings."""
    from .mail import SmtpServer, send_digest

    result = _digest_of(store, settings, day)
    server = SmtpServer.from_settings(settings)
    send_digest(result, recipients, server, base_url=base_url)
    err.print(f"digest of {result.day.isoformat()} sent to {', '.join(recipients)} via {server.host}:{server.port}")


@main.command()
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@db_option
def serve(host: str | None, port: int | None, db: str | None) -> None:
    """Serve the web desk and the JSON API."""
    settings = _settings(db, **{"web.host": host, "web.port": port})
    run_server(_store(settings), settings)


def run_server(store, settings: Settings) -> None:
    import uvicorn

    from .web.app import create_app

    host, port = settings["web.host"], settings["web.port"]
    click.echo(f"Steppe is serving {store.target} at http://{host}:{port}/")
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")


# --- rates ------------------------------------------------------------------

@main.group()
def rates() -> None:
    """Official exchange rates."""


@rates.command("ticker")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None)
@db_option
@json_option
def rates_ticker(day: datetime | None, db: str | None, as_json: bool) -> None:
    """Print the rates ticker: official rates, 4+ significant digits, change since the previous day."""
    settings = _settings(db)
    lines = queries.ticker(_store(settings), day=day.date() if day else None,
                           orientation=settings["ticker.orientation"], currencies=settings["ticker.currencies"])
    if as_json:
        _emit_json({"ticker": [queries.ticker_dict(t) for t in lines]})
    elif not lines:
        click.echo("no rates stored yet: run `steppe rates import FILE` or `steppe demo`")
    else:
        for line in lines:
            click.echo(line.text)


@rates.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--bank", default=None, help="Bank code (NBK, NBKR, CBU, NBT, CBT, CBR, ECB); default: from the file name.")
@db_option
@json_option
def rates_import(paths: tuple[str, ...], bank: str | None, db: str | None, as_json: bool) -> None:
    """Import recorded bank payloads (files or folders)."""
    from .pipeline import import_rate_files
    from .sources.files import expand

    store = _store(_settings(db))
    added, rejected = import_rate_files(store, expand(paths), bank=bank)
    if as_json:
        _emit_json({"quotes": added, "rejected": [{"name": r.name, "reason": r.reason} for r in rejected]})
        return
    click.echo(f"added {added} quotes, rejected {len(rejected)}")
    for r in rejected:
        click.echo(f"  rejected {r.name}: {r.reason}")


# --- db ---------------------------------------------------------------------

@main.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """Apply pending migrations."""
    from .store import Store

    store = Store(_settings(db).db)
    applied = store.upgrade()
    click.echo("applied: " + ", ".join(applied) if applied else "database is up to date")


@db_group.command("status")
@db_option
@json_option
def db_status(db: str | None, as_json: bool) -> None:
    """Show applied and pending migrations."""
    from .store import Store

    store = Store(_settings(db).db)
    rows = store.status()
    if as_json:
        _emit_json([{"id": m.id, "name": m.name, "applied_at": m.applied_at} for m in rows])
        return
    click.echo(f"database: {store.target}")
    for m in rows:
        click.echo(f"  {m.id:03d}_{m.name}: {m.applied_at.isoformat() if m.applied_at else 'pending'}")


# --- demo -------------------------------------------------------------------

@main.command()
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--db", "db", default=None, metavar="PATH", help="Build the demo desk here (default: a temporary folder).")
@click.option("--no-serve", is_flag=True, help="Print the digest instead of serving.")
def demo(port: int, host: str, db: str | None, no_serve: bool) -> None:
    """Build a fresh desk from the bundled demo corpus, then serve it."""
    from .demo import build_demo
    from .store import open_store

    target = db or str(Path(tempfile.mkdtemp(prefix="steppe-demo-")) / "steppe.db")
    settings = _settings(target, **{"web.host": host, "web.port": port})
    store = open_store(settings.db)
    with Progress(TextColumn("{task.description}"), BarColumn(), console=err, transient=True) as progress:
        task = progress.add_task("building the demo desk", total=None)
        built = build_demo(store, max_bytes=settings["ingest.max_bytes"], on_file=lambda _p: progress.advance(task))
    err.print(f"demo desk: {built.report.added} stories, {built.quotes} official quotes in {target}")
    for r in built.rejected:
        err.print(f"  rejected {r.name}: {r.reason}")
    if no_serve:
        print_digest(store, settings, None, "text", False)
    else:
        run_server(store, settings)


def _register_commands() -> None:
    """Command groups that live in their own modules."""
    from .cli_rates import register as register_rates_commands
    from .cli_sources import run, sources, worker

    main.add_command(sources)
    main.add_command(run)
    main.add_command(worker)
    register_rates_commands(rates)


_register_commands()


if __name__ == "__main__":
    main()
