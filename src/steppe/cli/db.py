"""`steppe db upgrade | status`: the numbered schema migrations."""

from __future__ import annotations

import click

from steppe.cli.common import db_option, json_option
from steppe.cli.common import emit_json as _emit_json
from steppe.cli.common import settings_for as _settings

# --- db ---------------------------------------------------------------------


@click.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@db_option
def db_upgrade(db: str | None) -> None:
    """Apply pending migrations."""
    from steppe.store import Store

    store = Store(_settings(db).db)
    applied = store.upgrade()
    click.echo("applied: " + ", ".join(applied) if applied else "database is up to date")


@db_group.command("status")
@db_option
@json_option
def db_status(db: str | None, as_json: bool) -> None:
    """Show applied and pending migrations."""
    from steppe.store import Store

    store = Store(_settings(db).db)
    rows = store.status()
    if as_json:
        _emit_json([{"id": m.id, "name": m.name, "applied_at": m.applied_at} for m in rows])
        return
    click.echo(f"database: {store.target}")
    for m in rows:
        click.echo(f"  {m.id:03d}_{m.name}: {m.applied_at.isoformat() if m.applied_at else 'pending'}")
