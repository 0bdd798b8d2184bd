"""The `steppe rates update | backfill | convert` commands, registered onto the `rates` group.

cli.py owns the group; ``register(rates)`` adds these commands to it. The commands are
thin: the work is in ``rates_sync`` (fetching) and ``rates_queries`` (reading); Steppe's
errors raised here become one-line messages in cli.py's group.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from steppe.cli.common import Command, db_option, json_option
from steppe.cli.common import emit_json as _emit
from steppe.cli.common import emit_json as _emit_json
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.config import Settings
from steppe.publish import queries

if TYPE_CHECKING:
    from steppe.fetch.blocking import GuardedClient
    from steppe.rates.sync import SyncReport

DEFAULT_PAUSE = 0.5  # seconds between two requests to the same bank


@click.group()
def rates() -> None:
    """Official exchange rates."""


@rates.command("ticker")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None)
@db_option
@json_option
def rates_ticker(day: datetime | None, db: str | None, as_json: bool) -> None:
    """Print the rates ticker: official rates, 4+ significant digits, change since the previous day."""
    settings = _settings(db)
    lines = queries.ticker(
        _store(settings),
        day=day.date() if day else None,
        orientation=settings["ticker.orientation"],
        currencies=settings["ticker.currencies"],
    )
    if as_json:
        _emit_json({"ticker": [queries.ticker_dict(t) for t in lines]})
    elif not lines:
        click.echo("no rates stored yet: run `steppe rates import FILE` or `steppe demo`")
    else:
        for line in lines:
            click.echo(line.text)


@rates.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--bank", default=None, help="Bank code (NBK, NBKR, CBU, NBT, CBT, CBR, ECB); default: from the file name."
)
@db_option
@json_option
def rates_import(paths: tuple[str, ...], bank: str | None, db: str | None, as_json: bool) -> None:
    """Import recorded bank payloads (files or folders)."""
    from steppe.pipeline import import_rate_files
    from steppe.sources.files import gather

    store = _store(_settings(db))
    files, refused = gather(paths)  # regular files only; links leaving a folder refused
    added, rejected = import_rate_files(store, [f.path for f in files], bank=bank)
    rejected = refused + rejected
    if as_json:
        _emit_json({"quotes": added, "rejected": [{"name": r.name, "reason": r.reason} for r in rejected]})
    else:
        click.echo(f"added {added} quotes, rejected {len(rejected)}")
        for r in rejected:
            click.echo(f"  rejected {r.name}: {r.reason}")
    if rejected and len(rejected) >= len(files) + len(refused):
        raise SystemExit(1)  # every input was rejected


def register(rates_group: click.Group) -> None:
    """Add update, backfill and convert to the `rates` click group."""
    rates_group.add_command(update_command)
    rates_group.add_command(backfill_command)
    rates_group.add_command(convert_command)


def _options(command: Command) -> Command:
    return db_option(json_option(command))


def bank_client(settings: Settings) -> GuardedClient:
    """The banks' HTTP client: the source fetcher's guard, redirect checks, body cap and time limit."""
    from steppe.fetch import FetchConfig
    from steppe.fetch.blocking import GuardedClient

    return GuardedClient(FetchConfig.from_settings(settings))


def _print_report(report: SyncReport, as_json: bool) -> None:
    if as_json:
        _emit(report.to_dict())
        return
    click.echo(f"{report.requests} requests, {report.total_added} new quotes")
    for bank, added in sorted(report.added.items()):
        stored = report.already_stored.get(bank)
        click.echo(f"  {bank}: {added} new" + (f", {stored} days already stored" if stored else ""))
    for issue in report.notes:
        click.echo(f"  note {issue.bank} {issue.day or ''} {issue.kind}: {issue.reason}")
    for issue in report.errors:
        click.echo(f"  ERROR {issue.bank} {issue.day or ''}: {issue.reason}", err=True)


@click.command("update")
@click.option("--bank", "banks", multiple=True, help="Only this bank (repeatable); default: all seven.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Day to fetch (default: today).")
@click.option(
    "--pause", type=float, default=DEFAULT_PAUSE, show_default=True, help="Seconds between requests to one bank."
)
@click.option("--strict", is_flag=True, help="Exit with status 1 when any bank answered with an error.")
@_options
def update_command(
    banks: tuple[str, ...], day: datetime | None, pause: float, strict: bool, db: str | None, as_json: bool
) -> None:
    """Fetch today's official rates from every bank (CBT unreachable: the labelled 3.5 peg)."""
    from steppe.rates.sync import ALL_BANKS, update

    settings = _settings(db)
    store = _store(settings)
    with bank_client(settings) as client:
        report = update(store, client, day.date() if day else date.today(), banks=banks or ALL_BANKS, pause=pause)
    _print_report(report, as_json)
    if report.errors and (strict or not report.total_added):
        raise SystemExit(1)


@click.command("backfill")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), required=True, help="First day, YYYY-MM-DD.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last day (default: today).")
@click.option("--bank", "banks", multiple=True, help="Only this bank (repeatable); default: all seven.")
@click.option(
    "--pause", type=float, default=DEFAULT_PAUSE, show_default=True, help="Seconds between requests to one bank."
)
@_options
def backfill_command(
    since: datetime, until: datetime | None, banks: tuple[str, ...], pause: float, db: str | None, as_json: bool
) -> None:
    """Fetch the history from --since; days already stored are skipped, so it resumes."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from steppe.rates.sync import ALL_BANKS, backfill

    settings = _settings(db)
    store = _store(settings)
    columns = (TextColumn("{task.description:<5}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), disable=as_json) as progress, bank_client(settings) as client:
        tasks: dict[str, Any] = {}

        def on_progress(bank: str, done: int, total: int) -> None:
            """Advance the bank's bar."""
            if bank not in tasks:
                tasks[bank] = progress.add_task(bank, total=total)
            progress.update(tasks[bank], completed=done, total=total)

        report = backfill(
            store, client, since.date(), (until or datetime.now()).date(), banks or ALL_BANKS, on_progress, pause=pause
        )
    _print_report(report, as_json)


@click.command("convert")
@click.argument("amount")
@click.argument("frm", metavar="FROM")
@click.argument("to", metavar="TO")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Day (default: the latest).")
@_options
def convert_command(amount: str, frm: str, to: str, day: datetime | None, db: str | None, as_json: bool) -> None:
    """Convert AMOUNT of FROM into TO with the official rates in force (home bank first)."""
    from steppe.rates.queries import convert_amount, flag_dict, flag_of, shown

    store = _store(_settings(db))
    result = convert_amount(store, amount, frm, to, day.date() if day else None)
    if as_json:
        _emit(
            {
                "amount": str(result.amount),
                "from": result.frm,
                "to": result.to,
                "date": result.on.isoformat(),
                "rate": str(result.rate),
                "value": str(result.value),
                "route": list(result.route),
                "banks": list(result.banks),
                "effective_date": result.effective_date,
                "carried_forward": result.carried_forward,
                "peg": result.uses_peg,
                "disagreements": [flag_dict(flag_of(d)) for d in result.disagreements],
            }
        )
        return
    note = " (carried forward)" if result.carried_forward else ""
    peg = " peg" if result.uses_peg else ""
    line = f"{result.amount} {result.frm} = {shown(result.value)} {result.to} on {result.on}"
    if result.legs:  # a currency into itself needs no rate, so no bank and no date
        line += f" [{'+'.join(result.banks)}{peg}, in force since {result.effective_date}{note}]"
    click.echo(line)
    for d in result.disagreements:
        click.echo(f"  flag: {d.bank} gives {d.theirs} {d.to} per {d.frm} ({d.diff_pct:+}% from {d.ours})")


register(rates)  # the group main() serves carries every rates command: ticker, import, update, backfill, convert
