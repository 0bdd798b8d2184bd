"""Benchmark: the cluster stage over 100,000 synthetic stories, beside brute force and exact-hash-only.

    python bench/cluster.py                 # 10k and 100k stories, in-memory index, baselines
    python bench/cluster.py --store 20000   # also N stories through the pipeline's SQLite store

Synthetic stories from bench/corpus.py (seeded): six outlets in English and Russian, ~1,700
stories a day over ~60 days, events told by 1-3 outlets in different words (a shared lead, a
Zipf-drawn body each), the country's leader and up to four of 400 made-up people and 400
organisations, the event's own project name and length, a money figure, 5% syndicated copies. The stage runs as in production
(describe, near-copy check, placement from index candidates, indexing), with ``MemoryIndex``
standing in for the database; ``--store`` runs the same stories through
``pipeline._store_stories`` on SQLite. Prints time, peak memory, the 10k/100k ratio, pairwise
F1 against the synthetic labels, and the baselines with their ratios.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from corpus import START, Shape, labelled_stories

from steppe.cluster import MemoryIndex, describe, file_story, similarity
from steppe.cluster.assign import weigh
from steppe.enrich import fold
from steppe.models import Story


@dataclass(frozen=True)
class Synthetic:
    """A story as the stage gets it (with its folded text), and the event it tells."""

    story: Story
    folded: str
    event: int


# About 1,700 stories a day (an event every 1.6 minutes, ~1.8 stories an event) of ~130 words,
# with 400 made-up people and 400 organisations: the density this bench has always measured at.
CLUSTER_SHAPE = Shape(event_minutes=1.6, body_words=60, actors=400, details=True)


def generate(count: int, seed: int = 7) -> list[Synthetic]:
    """``count`` stories from bench/corpus.py in arrival order, each with its folded text and event."""
    return [Synthetic(item.story, fold(item.story.headline + "\n" + item.story.text), item.event)
            for item in labelled_stories(count, seed=seed, shape=CLUSTER_SHAPE)]


def run_stage(stories: list[Synthetic]) -> tuple[float, list[int], int]:
    """Cluster in arrival order; returns seconds, each story's cluster id, and near-copies found."""
    index = MemoryIndex()
    labels: list[int] = []
    copies = 0
    started = time.perf_counter()
    for n, item in enumerate(stories):
        features = describe(item.story, item.folded, fold_word=fold, arrived=START)
        filing = file_story(features, index, fold)
        if filing.copy_of is not None:
            copies += 1
            labels.append(index.cluster_of(filing.copy_of.story_id))
            continue
        placement = filing.placement
        cluster_id = n if placement.cluster_id is None else placement.cluster_id
        index.add(n, cluster_id, placement.features)
        labels.append(cluster_id)
    return time.perf_counter() - started, labels, copies


def pairwise_f1(gold: list[int], predicted: list[int]) -> float:
    """Pairwise F1 from the contingency table (no pair loop: fine at 100k)."""
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter(zip(gold, predicted)))
    in_gold, in_predicted = pairs(Counter(gold)), pairs(Counter(predicted))
    precision = both / in_predicted if in_predicted else 1.0
    recall = both / in_gold if in_gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def brute_force(stories: list[Synthetic]) -> float:
    """Baseline: every story compared with every earlier one (same features and score); seconds."""
    started = time.perf_counter()
    described = [describe(s.story, s.folded, fold_word=fold, arrived=START) for s in stories]
    frequency = Counter(k for f in described for k in f.keys)
    weighted = [weigh(f, frequency, len(described)) for f in described]
    for i, a in enumerate(weighted):
        for b in weighted[:i]:
            similarity(a, b)
    return time.perf_counter() - started


def exact_hash_only(stories: list[Synthetic]) -> float:
    """Baseline: v0's exact-duplicate detection only (content hash); seconds."""
    started = time.perf_counter()
    seen: set[str] = set()
    for s in stories:
        seen.add(s.story.content_hash)
    return time.perf_counter() - started


def run_store(stories: list[Synthetic]) -> float:
    """The same stories through the pipeline's store path (SQLite, one transaction per story); seconds."""
    from steppe.pipeline import _store_stories
    from steppe.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        started = time.perf_counter()
        for item in stories:
            with store.write() as session:
                _store_stories(session, [item.story], START)
        seconds = time.perf_counter() - started
        store.close()
    return seconds


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--store", type=int, default=0, help="also run N stories through the SQLite store")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    stories = generate(args.count)
    events = len({s.event for s in stories})
    print(f"{len(stories):,} synthetic stories, {events:,} events, generated (not timed); RSS {peak_mb():.0f} MB")
    small = stories[: args.count // 10]
    small_s, _, _ = run_stage(small)
    full_s, labels, copies = run_stage(stories)
    f1 = pairwise_f1([s.event for s in stories], labels)
    print(f"ours, in-memory index: {len(small):,} stories {small_s:.1f} s; {len(stories):,} stories {full_s:.1f} s "
          f"({full_s / len(stories) * 1e6:.0f} us/story); peak RSS {peak_mb():.0f} MB")
    print(f"  growth 10x stories -> {full_s / small_s:.1f}x time (linear would be 10.0x); "
          f"near-copies {copies:,}; pairwise F1 vs synthetic labels {f1:.3f}")
    sample = stories[:2000]
    brute = brute_force(sample)
    brute_full = brute * (len(stories) / len(sample)) ** 2
    print(f"baseline brute force all pairs: 2,000 stories {brute:.1f} s -> {len(stories):,} extrapolated "
          f"(n^2) {brute_full:,.0f} s; ratio {brute_full / full_s:,.0f}x slower than ours")
    exact = exact_hash_only(stories)
    print(f"baseline exact-hash only (v0): {len(stories):,} stories {exact:.2f} s; ours costs {full_s / exact:.0f}x "
          f"that, and finds near-copies and clusters")
    if args.store:
        stored = run_store(stories[: args.store])
        print(f"ours through the SQLite store (pipeline._store_stories, a transaction per story): "
              f"{args.store:,} stories {stored:.1f} s ({stored / args.store * 1e3:.2f} ms/story); peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
