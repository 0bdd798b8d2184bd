"""`steppe serve`, `steppe demo`, `steppe run` and `steppe worker`: serving the desk and keeping it current."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from steppe.config import load_settings

if TYPE_CHECKING:
    from steppe.daemon.banks import BankReport, RatesKeeper
    from steppe.daemon.scheduler import RunStatus, Scheduler
    from steppe.daemon.web import WebThread
    from steppe.sources.refresh import RefreshReport
    from steppe.store import Store

import tempfile
from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TextColumn

from steppe.cli.common import db_option, err, moment_text, out
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.cli.news import print_digest
from steppe.config import Settings


@click.command()
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 8000).")
@db_option
def serve(host: str | None, port: int | None, db: str | None) -> None:
    """Serve the web desk and the JSON API."""
    settings = _settings(db, **{"web.host": host, "web.port": port})
    run_server(_store(settings), settings)


def run_server(store: Store, settings: Settings) -> None:
    import uvicorn

    from steppe.web.app import create_app

    host, port = settings["web.host"], settings["web.port"]
    click.echo(f"Steppe is serving {store.target} at http://{host}:{port}/")
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning")


# --- demo -------------------------------------------------------------------


@click.command()
@click.option("--port", default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--db", "db", default=None, metavar="PATH", help="Build the demo desk here (default: a temporary folder)."
)
@click.option("--no-serve", is_flag=True, help="Print the digest instead of serving.")
def demo(port: int, host: str, db: str | None, no_serve: bool) -> None:
    """Build a fresh desk from the bundled demo corpus, then serve it."""
    from steppe.demo import build_demo
    from steppe.store import open_store

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


@click.command("run")
@click.option(
    "--once", is_flag=True, help="One round over every due source and every bank, then exit (for cron and tests)."
)
@click.option("--quiet", is_flag=True, help="No status line or per-source lines, only the JSON logs.")
@click.option("--no-web", is_flag=True, help="Do not serve the web desk from this process.")
@click.option("--no-rates", is_flag=True, help="Do not update the official rates from this process.")
@click.option("--host", default=None, help="Address the web desk binds to (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port of the web desk (default 8000).")
@db_option
def run(
    once: bool, quiet: bool, no_web: bool, no_rates: bool, host: str | None, port: int | None, db: str | None
) -> None:
    """Keep the desk current: poll due sources, update each bank's rates when it publishes, serve the desk.

    SIGTERM/SIGINT let in-flight work finish (a second one cancels it); logs are JSON lines on stderr.
    On a terminal a live status line shows sources due, fetching and parked, stories added, the
    last error and the next bank update.
    """
    from steppe.daemon.logs import configure_logging
    from steppe.daemon.scheduler import Scheduler, run_scheduler

    settings = load_settings({"db": db, "web.host": host, "web.port": port})
    store = _store(settings)
    configure_logging(level=logging.WARNING if not quiet else logging.INFO)
    live = not quiet and out.is_terminal
    lines = _Lines(out if live else err)  # under a live status line, lines are printed above it
    scheduler = Scheduler.from_settings(
        store,
        settings,
        on_report=None if quiet else lines.check,
        on_bank=None if quiet else lines.bank,
        rates=None if no_rates else _rates_keeper(store, settings),
    )
    web = _web_thread(store, settings) if not (no_web or once) else None
    if web:
        web.start()
        err.print(f"serving the desk at http://{web.host}:{web.port}/")
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

    def __init__(self, console: Console) -> None:
        self.console = console

    def check(self, report: RefreshReport) -> None:
        extra = f" {report.error}" if report.error else f" +{report.added} stories"
        self._print(f"{report.status:<12} {report.url}{extra}")

    def bank(self, report: BankReport) -> None:
        outcome = f"{len(report.errors)} errors: {report.errors[-1]}" if report.errors else f"+{report.added} quotes"
        self._print(f"rates {report.bank:<6} {outcome}; next {moment_text(report.next_update_at)}")

    def _print(self, text: str) -> None:
        self.console.print(f"[dim]{moment_text(datetime.now(UTC))}[/] {escape(text)}", markup=True, highlight=False)


def _rates_keeper(store: Store, settings: Settings) -> RatesKeeper:
    from steppe.cli.rates import bank_client
    from steppe.daemon.banks import RatesKeeper
    from steppe.rates.schedule import RatesTiming

    return RatesKeeper(
        store, lambda: bank_client(settings), timing=RatesTiming(retry_delay=settings["rates.retry_delay"])
    )


def status_line(status: RunStatus, now: datetime) -> str:
    """One line saying what `steppe run` is doing (see scheduler.RunStatus)."""
    parts = [
        f"round {status.rounds}",
        f"sources: {status.due} due, {status.fetching} fetching, {status.parked} parked",
        f"{status.checks} checks, {status.stories} stories added",
    ]
    if status.updating:
        parts.append("asking " + ", ".join(sorted(status.updating)))
    if status.next_bank:
        bank, moment = status.next_bank
        parts.append(f"next bank update: {bank} {moment_text(moment)} UTC ({_until(moment, now)})")
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
def _live_status(scheduler: Scheduler, *, enabled: bool) -> Iterator[None]:
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


def _web_thread(store: Store, settings: Settings) -> WebThread:
    from steppe.daemon.web import WebThread
    from steppe.web.app import create_app

    return WebThread(create_app(store, settings), settings["web.host"], settings["web.port"])
