"""What every `steppe` command module shares: consoles, settings, the store, --db and --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from steppe.config import Settings, load_settings

if TYPE_CHECKING:
    from steppe.store import Store

Command = TypeVar("Command", bound=Callable[..., Any])  # a click command function, before or after decoration

err = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Print data as indented JSON (dates and Decimals as text)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def settings_for(db: str | None = None, **flags: Any) -> Settings:
    """Settings with --db and other command flags applied last."""
    return load_settings({"db": db, **flags})


def open_settings_store(settings: Settings) -> Store:
    """The (migrated) store the settings name."""
    from steppe.store import open_store

    return open_store(settings.db)


def db_option(command: Command) -> Command:
    """Every command that touches the database takes --db (or STEPPE_DB)."""
    return click.option(
        "--db",
        "db",
        metavar="PATH|URL",
        default=None,
        help="Database file or URL (default: STEPPE_DB, else the user data directory).",
    )(command)


def json_option(command: Command) -> Command:
    """Every command that prints data takes --json."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(command)


def moment_text(value: datetime | None) -> str:
    """A moment as the CLI prints it: UTC, to the minute ("-" for none)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else "-"
