"""`steppe sources ...` and `steppe run`: thin click commands over sources.manage and the scheduler.

Registered in cli.py with ``main.add_command(sources)`` and ``main.add_command(run)``;
cli.py's group turns Steppe errors raised here into one-line messages.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from .config import load_settings
from .sources import manage
from .store.sources import SourceHealth

from .cli_common import db_option, err, json_option, out
from .cli_common import open_settings_store as _store, settings_for as _settings






def _moment(value: datetime | None) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if value else "-"


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
@click.option("--once", is_flag=True, help="One round over every due source, then exit (for cron and tests).")
@click.option("--quiet", is_flag=True, help="No per-source status lines, only the JSON logs.")
@click.option("--no-web", is_flag=True, help="Do not serve the web desk from this process.")
@click.option("--no-rates", is_flag=True, help="Do not update the official rates from this process.")
@click.option("--host", default=None, help="Address the web desk binds to (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port of the web desk (default 8000).")
@db_option
def run(once: bool, quiet: bool, no_web: bool, no_rates: bool, host: str | None, port: int | None,
        db: str | None) -> None:
    """Keep the desk current: poll due sources, update the official rates and serve the web desk.

    SIGTERM/SIGINT let in-flight work finish (a second one cancels it); logs are JSON lines on stderr.
    """
    from .scheduler import Scheduler, configure_logging, run_scheduler

    settings = load_settings({"db": db, "web.host": host, "web.port": port})
    store = _store(settings)
    configure_logging(level=logging.WARNING if not quiet else logging.INFO)

    def status(report) -> None:
        extra = f" {report.error}" if report.error else f" +{report.added} stories"
        err.print(f"[dim]{_moment(datetime.now(timezone.utc))}[/] {report.status:<12} {report.url}{extra}",
                  markup=True, highlight=False)

    companions = _Companions(store, settings, web=not (no_web or once),
                             rates=not (no_rates or once) and settings["rates.update_interval"] > 0, quiet=quiet)
    companions.start()
    try:
        scheduler = Scheduler.from_settings(store, settings, on_report=None if quiet else status)
        rounds = run_scheduler(scheduler, once=once)
    finally:
        companions.stop()
    total = sum(len(r.reports) for r in rounds)
    click.echo(f"stopped after {len(rounds)} rounds, {total} source checks")


@click.command("worker")
@click.option("--once", is_flag=True, help="One round over the due sources this worker claims, then exit.")
@click.option("--quiet", is_flag=True, help="No per-source status lines, only the JSON logs.")
@db_option
@click.pass_context
def worker(ctx: click.Context, once: bool, quiet: bool, db: str | None) -> None:
    """Fetch due sources only: run any number of these against one PostgreSQL (they claim with SKIP LOCKED)."""
    ctx.invoke(run, once=once, quiet=quiet, no_web=True, no_rates=True, host=None, port=None, db=db)


class _Companions:
    """The web server and the rates updater that `steppe run` keeps beside the scheduler, in threads."""

    def __init__(self, store, settings, *, web: bool, rates: bool, quiet: bool):
        self.store, self.settings, self.web, self.rates, self.quiet = store, settings, web, rates, quiet
        self.stop_rates = threading.Event()
        self.threads: list[threading.Thread] = []
        self.server = None

    def start(self) -> None:
        if self.web:
            import uvicorn

            from .web.app import create_app

            host, port = self.settings["web.host"], self.settings["web.port"]
            config = uvicorn.Config(create_app(self.store, self.settings), host=host, port=port,
                                    log_level="warning")
            self.server = uvicorn.Server(config)  # not the main thread: it leaves signals to the scheduler
            self._thread(self.server.run, "steppe-web")
            err.print(f"serving the desk at http://{host}:{port}/")
        if self.rates:
            from .cli_rates import bank_client
            from .rates_sync import keep_updated

            def note(report) -> None:
                if not self.quiet:
                    added = sum(report.added.values())
                    err.print(f"rates: {added} new quotes, {len(report.errors)} bank errors", highlight=False)

            self._thread(lambda: keep_updated(self.store, lambda: bank_client(self.settings), self.stop_rates,
                                              interval=self.settings["rates.update_interval"], on_report=note),
                         "steppe-rates")

    def _thread(self, target, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    def stop(self) -> None:
        self.stop_rates.set()
        if self.server is not None:
            self.server.should_exit = True
        for thread in self.threads:
            thread.join(timeout=15)
