"""Benchmark: the cluster stage over 100,000 synthetic stories, beside brute force and exact-hash-only.

    python bench/cluster.py                   # 10k and 100k stories, in-memory index, baselines
    python bench/cluster.py --count 1000000   # 100k and 1M (stories generated as the stage goes)
    python bench/cluster.py --store 20000     # also N stories through the pipeline's SQLite store

Synthetic stories from bench/corpus.py (seeded): six outlets in English and Russian, ~1,700
stories a day over ~60 days, events told by 1-3 outlets in different words (a shared lead, a
Zipf-drawn body each), the country's leader and up to four of 400 made-up people and 400
organisations, the event's own project name and length, a money figure, 5% syndicated copies.
The stage runs as in production (describe, near-copy check, placement from index candidates,
indexing), with ``MemoryIndex`` standing in for the database, days long past dropped from it
(see ``run_stage``); ``--store`` runs the same stories through
``pipeline._store_stories`` on SQLite. Prints time, peak memory, the 10k/100k ratio, pairwise
F1 against the synthetic labels, and the baselines with their ratios.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from corpus import START, Shape, labelled_stories
from steppe.cluster import MemoryIndex, describe, file_story, similarity
from steppe.cluster.assign import WINDOW_DAYS, weigh
from steppe.cluster.nearcopy import COPY_WINDOW_DAYS
from steppe.models import Story
from steppe.text.fold import fold


@dataclass(frozen=True)
class Synthetic:
    """A story as the stage gets it (with its folded text), and the event it tells."""

    story: Story
    folded: str
    event: int


# About 1,700 stories a day (an event every 1.6 minutes, ~1.8 stories an event) of ~130 words,
# with 400 made-up people and 400 organisations: the density this bench has always measured at.
CLUSTER_SHAPE = Shape(event_minutes=1.6, body_words=60, actors=400, details=True)
FORGET_DAYS = 2 * max(WINDOW_DAYS, COPY_WINDOW_DAYS)


def generate(count: int, seed: int = 7) -> Iterator[Synthetic]:
    """``count`` stories from bench/corpus.py in arrival order, each with its folded text and event."""
    for item in labelled_stories(count, seed=seed, shape=CLUSTER_SHAPE):
        yield Synthetic(item.story, fold(item.story.headline + "\n" + item.story.text), item.event)


@dataclass
class StageRun:
    """One pass of the stage over a stream of stories."""

    seconds: float = 0.0  # the stage alone: describe, near-copy check, placement, indexing (wall time)
    cpu_seconds: float = 0.0  # the same, as this thread's CPU time (unaffected by other jobs on the box)
    hash_seconds: float = 0.0  # the v0 baseline on the same stories: exact content hash only
    labels: list[int] = field(default_factory=list)  # each story's cluster id
    events: list[int] = field(default_factory=list)  # each story's synthetic event
    copies: int = 0
    peak_mb: float = 0.0
    segments: list[float] = field(default_factory=list)  # CPU us a story in each tenth of the run


def run_stage(stories: Iterable[Synthetic], count: int) -> StageRun:
    """Cluster in arrival order, timing only the stage (the stories are generated as it goes).

    Days more than FORGET_DAYS before the newest story are dropped from the in-memory index, so
    memory stays flat at a million stories; a look-up reaching a dropped day would raise.
    """
    index = MemoryIndex()
    run = StageRun()
    newest = None
    tenth, segment_began = max(1, count // 10), 0.0
    for n, item in enumerate(stories):
        began = time.perf_counter()
        _ = item.story.content_hash  # the hash is timed apart from the features
        hashed, cpu_began = time.perf_counter(), time.thread_time()
        features = describe(item.story, item.folded, fold_word=fold, arrived=START)
        if newest is None or features.day > newest:
            newest = features.day
            index.forget_before(newest - FORGET_DAYS)
        filing = file_story(features, index, fold)
        if filing.copy_of is not None:
            run.copies += 1
            run.labels.append(index.cluster_of(filing.copy_of.story_id))
        else:
            placement = filing.placement
            cluster_id = n if placement.cluster_id is None else placement.cluster_id
            index.add(n, cluster_id, placement.features)
            run.labels.append(cluster_id)
        done = time.perf_counter()
        run.cpu_seconds += time.thread_time() - cpu_began
        run.seconds += done - hashed
        run.hash_seconds += hashed - began
        run.events.append(item.event)
        if n % 50_000 == 0:
            run.peak_mb = max(run.peak_mb, current_mb())
        if (n + 1) % tenth == 0:
            run.segments.append((run.cpu_seconds - segment_began) / tenth * 1e6)
            segment_began = run.cpu_seconds
    run.peak_mb = max(run.peak_mb, current_mb())
    return run


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


def current_mb() -> float:
    """Resident memory now (Linux), to follow a long run whose generated stories come and go."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--store", type=int, default=0, help="also run N stories through the SQLite store")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    small = run_stage(generate(args.count // 10), args.count // 10)
    full = run_stage(generate(args.count), args.count)
    f1 = pairwise_f1(full.events, full.labels)
    print(
        f"{args.count:,} synthetic stories, {len(set(full.events)):,} events, generated as the stage goes (not timed)"
    )
    print(
        f"ours, in-memory index: {args.count // 10:,} stories {small.seconds:.1f} s; {args.count:,} stories "
        f"{full.seconds:.1f} s ({full.seconds / args.count * 1e6:.0f} us/story); resident memory at most "
        f"{full.peak_mb:,.0f} MB (sampled), peak RSS {peak_mb():,.0f} MB"
    )
    print(
        f"  CPU time of the stage: {small.cpu_seconds:.1f} s and {full.cpu_seconds:.1f} s "
        f"({full.cpu_seconds / args.count * 1e6:.0f} us/story), growth {full.cpu_seconds / small.cpu_seconds:.1f}x"
    )
    print(f"  CPU us a story in each tenth of the {args.count:,}: " + " ".join(f"{x:.0f}" for x in full.segments))
    print(
        f"  growth 10x stories -> {full.seconds / small.seconds:.1f}x time (linear would be 10.0x); "
        f"near-copies {full.copies:,}; pairwise F1 vs synthetic labels {f1:.3f}"
    )
    sample = list(generate(2000))
    brute = brute_force(sample)
    brute_full = brute * (args.count / len(sample)) ** 2
    print(
        f"baseline brute force all pairs: 2,000 stories {brute:.1f} s -> {args.count:,} extrapolated "
        f"(n^2) {brute_full:,.0f} s; ratio {brute_full / full.seconds:,.0f}x slower than ours"
    )
    print(
        f"baseline exact-hash only (v0), timed on the same stories in the same pass: {full.hash_seconds:.2f} s; "
        f"ours costs {full.seconds / full.hash_seconds:.0f}x that, and finds near-copies and clusters"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.store:
        stored = run_store(list(generate(args.store)))
        print(
            f"ours through the SQLite store (pipeline._store_stories, a transaction per story): "
            f"{args.store:,} stories {stored:.1f} s ({stored / args.store * 1e3:.2f} ms/story); peak RSS {peak_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
