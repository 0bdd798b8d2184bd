"""The `steppe` command line: the group that turns Steppe's errors into clean messages.

Each command lives in the module of its subject (ingest, news, serve, rates, sources, db);
the library never imports this package.
"""

from __future__ import annotations

import os
from typing import Any

import click

from steppe import __version__
from steppe.errors import SteppeError


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


def _register_commands() -> None:
    """Every command lives in the module of its subject; the group only collects them."""
    from steppe.cli.db import db_group
    from steppe.cli.ingest import extract, ingest
    from steppe.cli.news import digest, stories
    from steppe.cli.rates import rates
    from steppe.cli.serve import demo, run, serve, worker
    from steppe.cli.sources import sources

    for command in (ingest, extract, stories, digest, serve, demo, rates, db_group, sources, run, worker):
        main.add_command(command)


_register_commands()
