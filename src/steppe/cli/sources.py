"""`steppe sources ...`: thin click commands over sources.manage.

The group in ``steppe.cli`` turns Steppe errors raised here into one-line messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from steppe.cli.common import db_option, json_option, moment_text, out
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.publish import queries
from steppe.sources import manage


@click.group()
def sources() -> None:
    """The feeds Steppe reads: list, add, remove, enable, disable, import, export."""


@sources.command("list")
@db_option
@json_option
def sources_list(db: str | None, as_json: bool) -> None:
    """List sources with their health: state, last success, last error, error count, next check."""
    settings = _settings(db)
    listed = queries.sources(_store(settings), park_after=settings["fetch.park_after"])
    if as_json:
        rows = [queries.source_dict(status, operator=True) for status in listed]
        click.echo(json.dumps({"sources": rows}, ensure_ascii=False, indent=2))
        return
    table = Table("url", "name", "state", "lang", "cc", "last success", "errors", "next check", "last error")
    for status in listed:
        table.add_row(
            status.source.url,
            status.source.name,
            status.state,
            status.source.language or "-",
            status.source.country or "-",
            moment_text(status.last_success_at),
            str(status.error_count),
            moment_text(status.next_check_at),
            (status.last_error or "")[:80],
        )
    out.print(table if listed else "no sources yet: `steppe sources add URL` or `steppe sources install-outlets`")


@sources.command("add")
@click.argument("url")
@click.option("--name", default=None, help="Display name (default: the feed's title).")
@click.option("--language", default=None, help="Language code of the source (ru, kk, uz ...).")
@click.option("--country", default=None, help="ISO 3166 alpha-2 country of the source (KZ, KG ...).")
@click.option("--no-discover", is_flag=True, help="Add the URL as given, without fetching it.")
@db_option
def sources_add(
    url: str, name: str | None, language: str | None, country: str | None, no_discover: bool, db: str | None
) -> None:
    """Add a feed, or a home page whose feed is found through <link rel="alternate">."""
    from steppe.fetch import FetchConfig

    settings = _settings(db)
    source, added = manage.add_source(
        _store(settings),
        url,
        config=FetchConfig.from_settings(settings),
        name=name,
        language=language,
        country=country,
        find_feed=not no_discover,
    )
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
    click.echo(f"added {len(report.added)} sources, {len(report.known)} already known, refused {len(report.refused)}")
    for refusal in report.refused:
        click.echo(f"  refused {refusal.name}: {refusal.reason}")


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
