"""`steppe sources ...` and `steppe run`: thin click commands over sources.manage and the scheduler.

Registered in cli.py with ``main.add_command(sources)`` and ``main.add_command(run)``;
cli.py's group turns Steppe errors raised here into one-line messages.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape
from rich.table import Table

from .cli_common import db_option, err, json_option, out
from .cli_common import open_settings_store as _store
from .cli_common import settings_for as _settings
from .config import load_settings
from .sources import manage
from .store.sources import SourceHealth

if TYPE_CHECKING:  # the scheduler is imported only by `run`, which needs it
    from .scheduler import RatesKeeper, RunStatus


def _moment(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "-"


def health_dict(health: SourceHealth, park_after: int) -> dict[str, Any]:
    """One source's health as plain JSON values."""
    source = health.source
    state = "parked" if health.parked(park_after) else ("enabled" if source.enabled else "disabled")
    return {"url": source.url, "name": source.name, "kind": source.kind, "language": source.language,
            "country": source.country, "state": state, "last_success_at": health.last_success_at,
            "last_status": health.last_status, "last_error": health.last_error, "error_count": health.error_count,
            "next_check_at": health.next_check_at, "check_interval": health.check_interval}


@click.group()
def sources() -> None:
    """The feeds Steppe reads: list, add, remove, enable, disable, import, export."""


@sources.command("list")
@db_option
@json_option
def sources_list(db: str | None, as_json: bool) -> None:
    """List sources with their health: state, last success, last error, error count, next check."""
    settings = _settings(db)
    rows = [health_dict(h, settings["fetch.park_after"]) for h in manage.list_sources(_store(settings))]
    if as_json:
        click.echo(json.dumps({"sources": rows}, ensure_ascii=False, indent=2, default=str))
        return
    table = Table("url", "name", "state", "lang", "cc", "last success", "errors", "next check", "last error")
    for row in rows:
        table.add_row(row["url"], row["name"], row["state"], row["language"] or "-", row["country"] or "-",
                      _moment(row["last_success_at"]), str(row["error_count"]), _moment(row["next_check_at"]),
                      (row["last_error"] or "")[:80])
    out.print(table if rows else "no sources yet: `steppe sources add URL` or `steppe sources install-outlets`")


@sources.command("add")
@click.argument("url")
@click.option("--name", default=None, help="Display name (default: the feed's title).")
@click.option("--language", default=None, help="Language code of the source (ru, kk, uz ...).")
@click.option("--country", default=None, help="ISO 3166 alpha-2 country of the source (KZ, KG ...).")
@click.option("--no-discover", is_flag=True, help="Add the URL as given, without fetching it.")
@db_option
def sources_add(url: str, name: str | None, language: str | None, country: str | None, no_discover: bool,
                db: str | None) -> None:
    """Add a feed, or a home page whose feed is found through <link rel="alternate">."""
    from .fetch import FetchConfig

    settings = _settings(db)
    source, added = manage.add_source(_store(settings), url, config=FetchConfig.from_settings(settings), name=name,
                                      language=language, country=country, find_feed=not no_discover)
    click.echo(f"{'added' if added else 'already known'}: {source.name} <{source.url}> ({source.kind})")


@sources.command("remove")
@click.argument("url")
@db_option
def sources_remove(url: str, db: str | None) -> None:
    """Forget a source (the stories it brought stay)."""
    manage.remove_source(_store(_settings(db)), url)
    click.echo(f"removed {url}")


@sources.command("enable")
@click.argument("url")
@db_option
def sources_enable(url: str, db: str | None) -> None:
    """Enable a source (also un-parks it and makes it due now)."""
    click.echo(f"enabled {manage.enable_source(_store(_settings(db)), url).url}")


@sources.command("disable")
@click.argument("url")
@db_option
def sources_disable(url: str, db: str | None) -> None:
    """Disable a source: `steppe run` skips it."""
    click.echo(f"disabled {manage.disable_source(_store(_settings(db)), url).url}")


@sources.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
def sources_import(path: str, db: str | None) -> None:
    """Add every feed an OPML file lists."""
    report = manage.import_opml(_store(_settings(db)), path)
    click.echo(f"added {len(report.added)} sources, {len(report.known)} already known")


@sources.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to a file, not stdout.")
@db_option
def sources_export(output: str | None, db: str | None) -> None:
    """Print (or write) every source as OPML 2.0."""
    document = manage.export_opml(_store(_settings(db)))
    if output:
        Path(output).write_text(document, encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(document, nl=False)


@sources.command("install-outlets")
@db_option
def sources_install(db: str | None) -> None:
    """Add the bundled regional outlets: verified feeds enabled, unverified ones disabled."""
    report = manage.install_outlets(_store(_settings(db)))
    click.echo(f"added {len(report.added)} outlets, {len(report.known)} already known")


@click.command("run")
@click.option("--once", is_flag=True, help="One round over every due source and every bank, then exit (for cron and tests).")
@click.option("--quiet", is_flag=True, help="No status line or per-source lines, only the JSON logs.")
@click.option("--no-web", is_flag=True, help="Do not serve the web desk from this process.")
@click.option("--no-rates", is_flag=True, help="Do not update the official rates from this process.")
@click.option("--host", default=None, help="Address the web desk binds to (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port of the web desk (default 8000).")
@db_option
def run(once: bool, quiet: bool, no_web: bool, no_rates: bool, host: str | None, port: int | None,
        db: str | None) -> None:
    """Keep the desk current: poll due sources, update each bank's rates when it publishes, serve the desk.

    SIGTERM/SIGINT let in-flight work finish (a second one cancels it); logs are JSON lines on stderr.
    On a terminal a live status line shows sources due, fetching and parked, stories added, the
    last error and the next bank update.
    """
    from .scheduler import Scheduler, configure_logging, run_scheduler

    settings = load_settings({"db": db, "web.host": host, "web.port": port})
    store = _store(settings)
    configure_logging(level=logging.WARNING if not quiet else logging.INFO)
    live = not quiet and out.is_terminal
    lines = _Lines(out if live else err)  # under a live status line, lines are printed above it
    scheduler = Scheduler.from_settings(store, settings, on_report=None if quiet else lines.check,
                                        on_bank=None if quiet else lines.bank,
                                        rates=None if no_rates else _rates_keeper(store, settings))
    web = _WebServer(store, settings) if not (no_web or once) else None
    if web:
        web.start()
    try:
        with _live_status(scheduler, enabled=live):
            rounds = run_scheduler(scheduler, once=once)
    finally:
        if web:
            web.stop()
    total = sum(len(r.reports) for r in rounds)
    banks = sum(len(r.banks) for r in rounds)
    click.echo(f"stopped after {len(rounds)} rounds, {total} source checks, {banks} bank updates")


class _Lines:
    """One line per source check and per bank update, on the given console."""

    def __init__(self, console):
        self.console = console

    def check(self, report) -> None:
        extra = f" {report.error}" if report.error else f" +{report.added} stories"
        self._print(f"{report.status:<12} {report.url}{extra}")

    def bank(self, report) -> None:
        outcome = f"{len(report.errors)} errors: {report.errors[-1]}" if report.errors else f"+{report.added} quotes"
        self._print(f"rates {report.bank:<6} {outcome}; next {_moment(report.next_update_at)}")

    def _print(self, text: str) -> None:
        self.console.print(f"[dim]{_moment(datetime.now(UTC))}[/] {escape(text)}", markup=True, highlight=False)


def _rates_keeper(store: Any, settings: Any) -> RatesKeeper:
    from .cli_rates import bank_client
    from .rates_schedule import RatesTiming
    from .scheduler import RatesKeeper

    return RatesKeeper(store, lambda: bank_client(settings), timing=RatesTiming(retry_delay=settings["rates.retry_delay"]))


def status_line(status: RunStatus, now: datetime) -> str:
    """One line saying what `steppe run` is doing (see scheduler.RunStatus)."""
    parts = [f"round {status.rounds}", f"sources: {status.due} due, {status.fetching} fetching, {status.parked} parked",
             f"{status.checks} checks, {status.stories} stories added"]
    if status.updating:
        parts.append("asking " + ", ".join(sorted(status.updating)))
    if status.next_bank:
        bank, moment = status.next_bank
        parts.append(f"next bank update: {bank} {_moment(moment)} UTC ({_until(moment, now)})")
    if status.last_error:
        parts.append(f"last error: {status.last_error}")
    return " · ".join(parts)


def _until(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    if seconds <= 0:
        return "due"
    hours, rest = divmod(seconds, 3600)
    return f"in {hours}h {rest // 60:02d}m" if hours else f"in {rest // 60}m {rest % 60:02d}s"


@contextmanager
def _live_status(scheduler, *, enabled: bool) -> Iterator[None]:
    """A status line redrawn twice a second at the bottom of the terminal, while the run lasts."""
    if not enabled:
        yield
        return
    from rich.live import Live
    from rich.text import Text

    def render() -> Text:
        return Text(status_line(scheduler.status, datetime.now(UTC)), no_wrap=True, overflow="ellipsis")

    with Live(get_renderable=render, console=out, refresh_per_second=2, transient=True):
        yield


@click.command("worker")
@click.option("--once", is_flag=True, help="One round over the due sources this worker claims, then exit.")
@click.option("--quiet", is_flag=True, help="No per-source status lines, only the JSON logs.")
@db_option
@click.pass_context
def worker(ctx: click.Context, once: bool, quiet: bool, db: str | None) -> None:
    """Fetch due sources only: run any number of these against one PostgreSQL (they claim with SKIP LOCKED)."""
    ctx.invoke(run, once=once, quiet=quiet, no_web=True, no_rates=True, host=None, port=None, db=db)


class _WebServer:
    """The web desk that `steppe run` serves beside the scheduler, in a thread."""

    def __init__(self, store, settings):
        import uvicorn

        from .web.app import create_app

        self.host, self.port = settings["web.host"], settings["web.port"]
        config = uvicorn.Config(create_app(store, settings), host=self.host, port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)  # not the main thread: it leaves signals to the scheduler
        self.thread = threading.Thread(target=self.server.run, name="steppe-web", daemon=True)

    def start(self) -> None:
        self.thread.start()
        err.print(f"serving the desk at http://{self.host}:{self.port}/")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
