"""Wall time of `steppe extract DIR` on 1,000 real pages with --jobs 1 beside --jobs N (default 2).

Usage: python bench/extract_jobs.py [--pages 1000] [--jobs 2] [--repeat 1]

Writes the pages of ../shared/corpora/extraction (or $STEPPE_SHARED: ScrapingHub, WCXB dev
articles, WCXB dev page kinds; 1,221 pages, cycled when more are asked for, each copy with its
own file name) decompressed into a temporary folder, then runs the real command line, once per
setting and repeat, alternating which goes first. Prints both times, the speed-up (target >= 1.7
with 2 jobs on 2 cores) and whether both outputs are byte-identical. The figure is wall time of
whole runs, start-up included: what a user waits for.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STEPPE_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora" / "extraction"
SETS = ("scrapinghub", "wcxb-dev-articles", "wcxb-dev-pagekinds")


def write_pages(folder: Path, count: int) -> int:
    """The corpus pages, decompressed, cycled up to ``count`` files; returns how many were written."""
    sources = [path for name in SETS for path in sorted((CORPORA / name / "html").glob("*.html.gz"))]
    if not sources:
        sys.exit(f"no pages under {CORPORA}: set STEPPE_SHARED")
    for i in range(count):
        source = sources[i % len(sources)]
        (folder / f"{i:05d}-{source.name.removesuffix('.gz')}").write_bytes(gzip.decompress(source.read_bytes()))
    return count


def run_extract(folder: Path, jobs: int, output: Path) -> tuple[float, float]:
    """Wall and CPU seconds (workers included) of one `steppe extract FOLDER --jobs N` run, its
    JSON Lines written to ``output``. CPU time shows the cost of going parallel even when a busy
    machine makes the wall time say little."""
    command = [sys.executable, "-m", "steppe.cli", "extract", str(folder), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with output.open("wb") as sink:
        done = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in (0, 1):  # 1: some pages failed (reported in their lines), the run went on
        sys.exit(f"steppe extract failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds, cpu


def first_difference(one: Path, other: Path) -> str:
    """Where two outputs first differ: the input's path and the fields that differ."""
    for a, b in zip(one.read_text("utf-8").splitlines(), other.read_text("utf-8").splitlines(), strict=False):
        if a != b:
            x, y = json.loads(a), json.loads(b)
            return f"{x.get('path')}: {sorted(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))}"
    return "line counts differ"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load = os.getloadavg()[0]  # other work on the machine: the wall times mean little when it is high
    with tempfile.TemporaryDirectory(prefix="steppe-extract-jobs-") as temp:
        folder = Path(temp) / "pages"
        folder.mkdir()
        pages = write_pages(folder, args.pages)
        times: dict[int, list[tuple[float, float]]] = {1: [], args.jobs: []}
        for repeat in range(args.repeat):
            order = (1, args.jobs) if repeat % 2 == 0 else (args.jobs, 1)
            for jobs in order:
                times[jobs].append(run_extract(folder, jobs, Path(temp) / f"out-{jobs}.jsonl"))
        outputs = Path(temp) / "out-1.jsonl", Path(temp) / f"out-{args.jobs}.jsonl"
        same = outputs[0].read_bytes() == outputs[1].read_bytes()
        difference = "" if same else f" (first difference: {first_difference(*outputs)})"
        lines = outputs[0].read_bytes().count(b"\n")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load average before: {load:.1f}; pages: {pages} ({lines} output lines), repeats: {args.repeat}")
    wall = {jobs: statistics.median(t for t, _ in runs) for jobs, runs in times.items()}
    for jobs, runs in times.items():
        cpu = statistics.median(c for _, c in runs)
        listed = ", ".join(f"{t:.1f}" for t, _ in runs)
        print(
            f"--jobs {jobs}: {wall[jobs]:.1f} s wall ({pages / wall[jobs]:.1f} pages/s), {cpu:.1f} s CPU   runs: {listed}"
        )
    print(f"speed-up (jobs 1 wall / jobs {args.jobs} wall): {wall[1] / wall[args.jobs]:.2f}")
    print(f"outputs byte-identical: {same}{difference}")


if __name__ == "__main__":
    main()
