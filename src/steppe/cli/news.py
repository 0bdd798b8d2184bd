"""`steppe stories` and `steppe digest`: the stored news, read through the one read path."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import click
from rich.table import Table

from steppe.cli.common import db_option, err, json_option, out
from steppe.cli.common import emit_json as _emit_json
from steppe.cli.common import open_settings_store as _store
from steppe.cli.common import settings_for as _settings
from steppe.config import Settings
from steppe.publish import queries
from steppe.publish.digest import FORMATS, render
from steppe.publish.views import Digest

if TYPE_CHECKING:
    from steppe.store import Store


@click.command()
@click.option("--country", default=None, help="ISO code, e.g. KZ.")
@click.option("--q", "q", default=None, help="Search words (Latin or Cyrillic).")
@click.option("--topic", default=None)
@click.option("--limit", default=20, show_default=True)
@db_option
@json_option
def stories(country: str | None, q: str | None, topic: str | None, limit: int, db: str | None, as_json: bool) -> None:
    """List stored stories, newest first."""
    store = _store(_settings(db))
    page = queries.list_stories(store, queries.story_filter(country=country, q=q, topic=topic), limit=limit)
    if as_json:
        _emit_json({"stories": [queries.story_dict(s) for s in page.stories], "next_cursor": page.next_cursor})
        return
    table = Table("id", "date", "countries", "site", "headline", box=None)
    for s in page.stories:
        table.add_row(
            str(s.id), s.published.date().isoformat() if s.published else "", ",".join(s.countries), s.site, s.headline
        )
    out.print(table)


@click.command()
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Day of the digest (default: the latest day with stories).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--email",
    "recipients",
    multiple=True,
    metavar="TO",
    help="E-mail the digest to TO (repeatable) through the configured SMTP server instead of printing it.",
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Steppe's public address, to link each headline of the HTML digest to its story page.",
)
@db_option
@json_option
def digest(
    day: datetime | None, fmt: str, recipients: tuple[str, ...], base_url: str | None, db: str | None, as_json: bool
) -> None:
    """Print (or e-mail) the daily digest: the ticker once, then stories grouped by country."""
    settings = _settings(db)
    store = _store(settings)
    if recipients:
        email_digest(store, settings, day.date() if day else None, list(recipients), base_url)
        return
    print_digest(store, settings, day.date() if day else None, fmt, as_json, base_url=base_url)


def _digest_of(store: Store, settings: Settings, day: date | None) -> Digest:
    day = day or queries.latest_story_day(store) or date.today()
    return queries.digest(
        store, day, orientation=settings["ticker.orientation"], currencies=settings["ticker.currencies"]
    )


def print_digest(
    store: Store, settings: Settings, day: date | None, fmt: str, as_json: bool, *, base_url: str | None = None
) -> None:
    """Render the digest of a day (default: the latest day with stories)."""
    result = _digest_of(store, settings, day)
    if as_json:
        _emit_json(queries.digest_dict(result))
    else:
        click.echo(render(result, fmt, base_url=base_url), nl=False)


def email_digest(
    store: Store, settings: Settings, day: date | None, recipients: list[str], base_url: str | None
) -> None:
    """Send the digest of a day through the SMTP server of the settings."""
    from steppe.publish.mail import SmtpServer, send_digest

    result = _digest_of(store, settings, day)
    server = SmtpServer.from_settings(settings)
    send_digest(result, recipients, server, base_url=base_url)
    err.print(f"digest of {result.day.isoformat()} sent to {', '.join(recipients)} via {server.host}:{server.port}")
