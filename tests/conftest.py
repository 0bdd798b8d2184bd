"""Shared fixtures: stores on every engine, the shared corpora, the demo folder."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import shared_dir
from steppe.store import open_store
from webdesk import desk, site  # noqa: F401 (fixtures: the demo desk served live, for page and browser tests)

# Property tests draw the same examples on every run (set STEPPE_HYPOTHESIS=explore to search afresh):
# a CI run that fails can be run again and fail the same way. Examples found by exploring that fail
# become fixed test cases.
settings.register_profile("steppe", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("STEPPE_HYPOTHESIS", "steppe"))


def pytest_configure(config):
    """STEPPE_TEST_CLOCK=2026-12-05T10:00:00+00:00 runs the suite on that day (the clock ticks from there).

    CI runs the suite at a weekend, a Monday, a month's end and the year's turn, so a test that reads
    the wall clock instead of taking one fails in CI, not on the day the calendar happens to catch it.
    """
    moment = os.environ.get("STEPPE_TEST_CLOCK")
    if moment:
        import time_machine

        config._steppe_clock = time_machine.travel(moment, tick=True)
        config._steppe_clock.start()


def pytest_report_header(config):
    moment = os.environ.get("STEPPE_TEST_CLOCK")
    return f"clock: travelled to {moment}" if moment else None


@pytest.fixture
def shared() -> Path:
    path = shared_dir()
    if not (path / "corpora").is_dir():
        pytest.skip(f"{path}/corpora is absent: the shared corpora are only on developer and CI machines")
    return path


def _engines() -> list:
    engines = ["sqlite"]
    engines.append(pytest.param("postgresql", marks=pytest.mark.postgres))
    return engines


@pytest.fixture(params=_engines())
def store(request, tmp_path):
    """A fresh, migrated store on SQLite, and on PostgreSQL when STEPPE_TEST_PG is set."""
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "steppe.db"))
        yield s
        s.close()
        return
    base = os.environ.get("STEPPE_TEST_PG")
    if not base:
        pytest.skip("PostgreSQL tests need STEPPE_TEST_PG=postgresql://user@127.0.0.1/db (set by .ci/run)")
    from sqlalchemy import create_engine, text

    from steppe.store.engine import database_url

    name = "steppe_test_" + uuid.uuid4().hex[:10]
    admin = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = database_url(base).rsplit("/", 1)[0] + "/" + name
    s = open_store(url)
    yield s
    s.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    s = open_store(str(tmp_path / "steppe.db"))
    yield s
    s.close()
