"""Pages per second of Steppe's whole `extract` beside bare `trafilatura.extract`, same pages.

Usage: python bench/extract.py [--set scrapinghub|wcxb|both] [--repeat N]
Reads ../shared/corpora/extraction (or $STEPPE_SHARED). Both extractors are warmed up
on a few pages first (model and cache loading is not what is measured), then each runs
over every page in the same process; the best of N repeats is reported. Also prints the
token-shingle F1 of both against the ground truth.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import trafilatura

from steppe.extract import extract
from steppe.extract.evaluate import f1_of, main_text
from steppe.models import Page

SHARED = Path(os.environ.get("STEPPE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPORA = SHARED / "corpora" / "extraction"
FETCHED = datetime(2026, 1, 1, tzinfo=timezone.utc)


def load(name: str) -> list[tuple[str, str, bytes]]:
    """(url, ground truth, body) of every scorable page of a set."""
    if name == "scrapinghub":
        root = CORPORA / "scrapinghub"
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        return [(i["url"], i["articleBody"], gzip.open(root / "html" / f"{k}.html.gz").read()) for k, i in sorted(truth.items())]
    root = CORPORA / "wcxb-dev-articles"
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        label = json.loads((root / "ground-truth" / path.name.replace(".html.gz", ".json")).read_text("utf-8"))
        if label["ground_truth"].get("main_content") is not None:
            pages.append((label["url"], label["ground_truth"]["main_content"], gzip.open(path).read()))
    return pages


def run_ours(pages: list[tuple[str, str, bytes]]) -> list[str]:
    out = []
    for url, _truth, body in pages:
        out.append(main_text(extract(Page(url=url, site=url.split("/")[2], body=body, fetched_at=FETCHED))))
    return out


def run_bare(pages: list[tuple[str, str, bytes]]) -> list[str]:
    return [trafilatura.extract(body) or "" for _url, _truth, body in pages]


def timed(fn, pages, repeat: int) -> tuple[float, list[str]]:
    best, out = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(pages)
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["scrapinghub", "wcxb", "both"], default="scrapinghub")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not CORPORA.exists():
        print(f"corpora not found under {CORPORA}; set STEPPE_SHARED", file=sys.stderr)
        return 2
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"trafilatura {trafilatura.__version__}; {datetime.now():%Y-%m-%d}")
    for name in (["scrapinghub", "wcxb"] if args.set == "both" else [args.set]):
        pages = load(name)
        run_ours(pages[:5]), run_bare(pages[:5])  # warm-up: model loading, caches
        t_ours, ours = timed(run_ours, pages, args.repeat)
        t_bare, bare = timed(run_bare, pages, args.repeat)
        f_ours = f1_of((p[1], t) for p, t in zip(pages, ours))["f1"]
        f_bare = f1_of((p[1], t) for p, t in zip(pages, bare))["f1"]
        print(f"{name}: {len(pages)} pages")
        print(f"  ours  steppe.extract          {len(pages) / t_ours:7.1f} pages/s   F1 {f_ours:.4f}")
        print(f"  bare  trafilatura.extract     {len(pages) / t_bare:7.1f} pages/s   F1 {f_bare:.4f}")
        print(f"  speed ratio ours/bare {t_bare / t_ours:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
