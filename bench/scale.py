"""Scale run: a desk of N synthetic stories on SQLite, its size against the raw text, and search p95.

Builds (once) the serving desk of bench/serve.py at N stories: the demo plus N stories from
bench/corpus.py in the DESK shape, written through the store's own API (``stories.add`` with
folded search keys, 20,000 stories per transaction). Then reports the build time, the database
size against the raw text (UTF-8 bytes of every story's headline and text; issue 8 target: the
database no larger than 2x the raw text), what makes up the size (SQLite's dbstat, per table and
index), and the in-process p50/p95 of search and the front page as bench/serve.py measures them
(issue 8 target: search p95 <= 50 ms at 1,000,000 stories).

The synthetic stories are written without the cluster stage; a running desk also holds its
cluster index, which it keeps to the last ``cluster.index_days`` (14) days of stories. So
before weighing, the stories of the corpus's last 14 days go through the real cluster stage
against the store (``pipeline._StoredIndex``, the production placement, clusters and index
writes) once — the index a desk at this size carries — and the time per story is printed.

    python bench/scale.py --stories 100000 --db /tmp/scale-100k.db
    python bench/scale.py --stories 1000000 --db /tmp/scale-1m.db --requests 300
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from serve import build_corpus, in_process
from steppe.cluster import describe, file_story
from steppe.pipeline import _indexed, _join_cluster, _StoredIndex
from steppe.store import open_store
from steppe.text.fold import fold

INDEX_DAYS = 14  # the default of the cluster.index_days setting

FTS5_SHADOWS = {
    "_content": "FTS5: stored copy of the indexed text",
    "_data": "FTS5: the full-text index itself",
    "_docsize": "FTS5: token counts per row",
    "_idx": "FTS5: b-tree over the index segments",
}


@dataclass(frozen=True)
class Size:
    """How big the database is and what is in it."""

    file_bytes: int
    raw_bytes: int  # headline + text of every story, UTF-8
    stories: int
    parts: tuple[tuple[str, int, int], ...]  # (table or index, bytes, bytes of it holding data), largest first


def measure_size(db: str) -> Size:
    """Checkpoint the WAL into the file, then weigh the file and its tables with dbstat."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stories, raw = conn.execute(
            "SELECT COUNT(*), SUM(length(CAST(headline AS BLOB)) + length(CAST(text AS BLOB))) FROM stories"
        ).fetchone()
        parts = conn.execute(
            "SELECT name, SUM(pgsize), SUM(payload) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    return Size(Path(db).stat().st_size, raw or 0, stories, tuple(parts))


def _what(name: str) -> str:
    if name.startswith("sqlite_autoindex_"):
        return "unique constraint"
    if name.startswith("ix_"):
        return "index"
    return next((what for suffix, what in FTS5_SHADOWS.items() if name.endswith(suffix)), "table")


def print_size(size: Size) -> None:
    """The headline ratio, then each table and index as bytes and as a share of the raw text."""
    ratio = size.file_bytes / size.raw_bytes
    print(
        f"stories: {size.stories:,}; raw text (headline + text): {size.raw_bytes / 1e6:,.1f} MB "
        f"({size.raw_bytes / size.stories:,.0f} bytes a story)"
    )
    print(
        f"database file: {size.file_bytes / 1e6:,.1f} MB = {ratio:.2f}x the raw text "
        f"(target <= 2x: {'met' if ratio <= 2 else 'MISSED'})"
    )
    print(f"{'table or index':<36}{'MB':>9}{'x raw':>7}{'payload MB':>12}  what")
    shown = 0
    for name, nbytes, payload in size.parts:
        if nbytes < size.file_bytes / 500:
            continue
        shown += nbytes
        print(f"{name:<36}{nbytes / 1e6:>9,.1f}{nbytes / size.raw_bytes:>7.2f}{payload / 1e6:>12,.1f}  {_what(name)}")
    rest = size.file_bytes - shown
    print(f"{'(everything else, free pages)':<36}{rest / 1e6:>9,.1f}{rest / size.raw_bytes:>7.2f}")


def index_recent(db: str, days: int = INDEX_DAYS, batch: int = 500) -> None:
    """Run the newest ``days`` days of stories through the cluster stage against the store, once."""
    unindexed = "id NOT IN (SELECT story_id FROM cluster_stories)"  # the synthetic stories (the demo was clustered)
    with sqlite3.connect(db) as conn:
        if conn.execute("SELECT COUNT(*) FROM cluster_stories").fetchone()[0] > 100:
            return  # done on an earlier run
        newest = conn.execute(f"SELECT MAX(sort_at) FROM stories WHERE {unindexed}").fetchone()[0]
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM stories WHERE {unindexed} AND sort_at >= datetime(?, ?) ORDER BY id",
                (newest, f"-{days} days"),
            )
        ]
    store = open_store(db)
    began, copies = time.perf_counter(), 0
    for start in range(0, len(ids), batch):
        with store.write() as session:
            index = _StoredIndex(session.clusters.index)
            for story in session.stories.by_ids(ids[start : start + batch]):
                copies += _cluster_stored(session, index, story)
    seconds = time.perf_counter() - began
    store.close()
    print(
        f"cluster stage over the last {days} days' {len(ids):,} stories, against the store: {seconds:.0f} s "
        f"({seconds / max(1, len(ids)) * 1e3:.2f} ms a story; {copies:,} near-copies left unindexed)"
    )


def _cluster_stored(session, index: _StoredIndex, story) -> bool:
    """Place a stored story as the pipeline places a new one; whether it turned out a near-copy."""
    now = story.published
    features = describe(story, fold(story.headline + "\n" + story.text), fold_word=fold, arrived=now)
    filing = file_story(features, index, fold)
    if filing.copy_of is not None:
        return True
    placement = filing.placement
    cluster_id = _join_cluster(session, placement.cluster_id, story, story.id, now)
    session.clusters.index.add(
        _indexed(story.id, cluster_id, placement.features), lookup_keys=features.lookup_keys(), bands=features.bands
    )
    session.clusters.index.relate(story.id, placement.related)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--db", required=True, help="Build the desk here when absent, then measure it.")
    parser.add_argument("--requests", type=int, default=300, help="Requests per kind for the p95.")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not Path(args.db).exists():
        began = time.perf_counter()
        build_corpus(args.db, args.stories)
        seconds = time.perf_counter() - began
        print(
            f"built the demo and {args.stories:,} synthetic stories in {seconds:.0f} s "
            f"({seconds / args.stories * 1e6:.0f} us a story): {args.db}"
        )
    open_store(args.db).close()  # migrations of a desk built by an older version
    index_recent(args.db)
    print_size(measure_size(args.db))
    in_process(args.db, args.requests)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
