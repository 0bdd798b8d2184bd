"""Segmentation of generated multi-story dumps: headline precision/recall and whole stories, per style.

Usage: python bench/segmentation.py [--seed N] [--per-style N] [--half tuning|held-out|both] [--misses N]

Dumps are assembled by bench/multistory.py from the labelled real pages of
../shared/corpora/extraction (or $STEPPE_SHARED/corpora/extraction), each half of the pages
(by file id parity) on its own. Every dump goes through Steppe's whole `extract` as a
text/plain page. Prints, per half, one row per separator style, per headline case and overall.
--misses N prints the first N stories of the half that were not found whole (for tuning:
use it on the tuning half only).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from multistory import HALVES, Dump, Found, load_articles, make_dumps, score  # noqa: E402
from steppe.extract import extract  # noqa: E402
from steppe.models import Page  # noqa: E402

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def corpus_root() -> Path:
    """corpora/extraction under $STEPPE_SHARED or ../shared beside the checkout."""
    shared = Path(os.environ.get("STEPPE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    return shared / "corpora" / "extraction"


def steppe_segments(text: str) -> list[Found]:
    """Stories of a text dump as Steppe's extract stage returns them."""
    page = Page(url="file:///dump.txt", site="dump", body=text.encode(), fetched_at=FETCHED, content_type="text/plain")
    return [Found(s.headline, s.text) for s in extract(page).stories]


def print_scores(title: str, scores: dict[str, dict[str, float]]) -> None:
    """One row per group: dumps, stories, headline P and R, whole-story share."""
    print(f"\n{title}")
    print(f"{'group':<22}{'dumps':>6}{'stories':>8}{'head P':>8}{'head R':>8}{'whole':>8}")
    for group in sorted(scores, key=lambda g: (g == "overall", g)):
        s = scores[group]
        print(
            f"{group:<22}{s['dumps']:>6.0f}{s['stories']:>8.0f}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['whole']:>8.3f}"
        )


def print_misses(dumps: list[Dump], limit: int) -> None:
    """The first stories not found whole, with what was found in their place."""
    shown = 0
    for number, dump in enumerate(dumps):
        found = steppe_segments(dump.text)
        heads = {" ".join(f.headline.casefold().split()) for f in found if f.headline}
        for story in dump.stories:
            if " ".join(story.headline.casefold().split()) in heads or shown >= limit:
                continue
            shown += 1
            print(f"--- dump {number} ({dump.style}, {dump.case}) missed: {story.headline!r}")
        if shown >= limit:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--per-style", type=int, default=60)
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args()
    articles = load_articles(corpus_root())
    halves = HALVES if args.half == "both" else (args.half,)
    for half in halves:
        pool = [a for a in articles if a.half == half]
        languages = {lang: sum(a.language == lang for a in pool) for lang in sorted({a.language for a in pool})}
        dumps = make_dumps(pool, args.seed, args.per_style)
        print_scores(f"{half} half: {len(pool)} articles {languages}, seed {args.seed}", score(dumps, steppe_segments))
        if args.misses:
            print_misses(dumps, args.misses)


if __name__ == "__main__":
    main()
