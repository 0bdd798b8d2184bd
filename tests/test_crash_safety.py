"""Crash safety: an ingest SIGKILLed at random moments, then resumed, loses and duplicates nothing.

2,000 synthetic pages (bench/corpus.py) are ingested once cleanly as the reference; then the same
pages are ingested into a fresh database by a process killed with SIGKILL at random moments (6 in the
suite; STEPPE_CRASH_TRIALS sets more, and bench/crash_safety.py runs the full 20), each time restarted,
and finally left to finish. After every kill the database must be sound; at
the end it must hold exactly the reference's stories, pages and copies.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from steppe.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from corpus import write_pages  # noqa: E402

PAGES = 2000
TRIALS = int(os.environ.get("STEPPE_CRASH_TRIALS", "6"))


def ingest_command(folder: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "steppe.cli", "ingest", str(folder), "--db", db, "--json"]


def snapshot(db: str) -> dict:
    """What the database holds, in a form two runs can be compared by."""
    store = open_store(db)
    with store.read() as session:
        conn = session.conn
        stories = conn.execute(text("SELECT url, headline, content_hash FROM stories")).all()
        copies = conn.execute(text("SELECT s.url, c.url FROM story_copies c JOIN stories s ON s.id = c.story_id")).all()
        pages = conn.execute(text("SELECT body_hash, status, story_count FROM pages")).all()
    sound = store.integrity_ok()
    store.close()
    return {"stories": sorted(stories), "copies": sorted(copies), "pages": sorted(pages), "sound": sound}


def assert_consistent(state: dict) -> None:
    """No duplicates, and every recorded page's stories are there (a page and its stories land together)."""
    assert state["sound"], "integrity check failed"
    hashes = [h for _, _, h in state["stories"]]
    assert len(hashes) == len(set(hashes)), "a story was stored twice"
    keys = [(u, h) for u, h, _ in state["stories"]]
    assert len(keys) == len(set(keys)), "a story was stored twice under one address"
    assert sum(count for _, _, count in state["pages"]) == len(state["stories"])


def wait_for_work(watcher, pages_before: int, proc: subprocess.Popen) -> None:
    """Return once the ingest process has recorded a new page (start-up is not where crashes matter)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with watcher.read() as session:
            if session.pages.count() > pages_before:
                return
        time.sleep(0.02)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "pages"
    write_pages(PAGES, folder, seed=7)
    return folder


def database(kind: str, tmp_path: Path, name: str) -> str:
    if kind == "sqlite":
        return str(tmp_path / f"{name}.db")
    base = os.environ.get("STEPPE_TEST_PG")
    if not base:
        pytest.skip("PostgreSQL crash trials need STEPPE_TEST_PG (set by .ci/run)")
    from sqlalchemy import create_engine

    from steppe.store.engine import database_url

    db_name = f"steppe_crash_{name}_{os.getpid()}"
    admin = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{db_name}"'))
    admin.dispose()
    return database_url(base).rsplit("/", 1)[0] + "/" + db_name


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_ingest_killed_at_random_moments_loses_and_duplicates_nothing(kind, pages, tmp_path):
    reference_db = database(kind, tmp_path, "reference")
    subprocess.run(ingest_command(pages, reference_db), check=True, capture_output=True, timeout=900)
    reference = snapshot(reference_db)
    assert_consistent(reference)
    assert len(reference["pages"]) == PAGES

    crashed_db = database(kind, tmp_path, "crashed")
    open_store(crashed_db).close()  # migrate first, so kills land in ingest work, not in set-up
    rng = random.Random(20261129)
    progress = [0]
    watcher = open_store(crashed_db, upgrade=False)
    for _trial in range(TRIALS):
        proc = subprocess.Popen(ingest_command(pages, crashed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_work(watcher, progress[-1], proc)
        time.sleep(rng.uniform(0.0, 1.0))  # a random moment once the process is writing
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state = snapshot(crashed_db)
        assert_consistent(state)
        progress.append(len(state["pages"]))
    # The kills must have landed in the middle of the work, not before it began or after it ended.
    assert sum(b > a for a, b in zip(progress, progress[1:])) >= TRIALS // 2, progress
    assert progress[-1] < PAGES, progress
    watcher.close()
    subprocess.run(ingest_command(pages, crashed_db), check=True, capture_output=True, timeout=900)
    final = snapshot(crashed_db)
    assert_consistent(final)
    assert len(final["pages"]) == PAGES
    assert final["stories"] == reference["stories"], "stories lost or changed by the crashes"
    assert final["copies"] == reference["copies"]
