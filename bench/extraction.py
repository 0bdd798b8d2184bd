"""Pages per second of Steppe's whole `extract` beside bare `trafilatura.extract`, same pages.

Usage: python bench/extraction.py [--set scrapinghub|wcxb|both] [--repeat N] [--precision-ablation] [--per-language]

Reads ../shared/corpora/extraction (or $STEPPE_SHARED): the 181 ScrapingHub pages and the
710 scorable WCXB dev articles. Both extractors are warmed up on a few pages first (model
and cache loading is not what is measured). Each repeat then runs both over every page,
page by page, alternating which goes first, so that the load of a shared machine falls
on both alike. Speed is pages per second of process CPU time (steadier than wall time on a
busy machine; the wall-clock ratio is printed too); pages/s and the ratio are the medians
over the repeats, with the range of the ratio. Also prints the token-shingle F1 of both against the ground truth, and on the
Russian news set of tests/samples/extract_ru the F1 of bare trafilatura (default and
favor_precision) and ours. --precision-ablation also prints, on every set, the F1 of ours
with trafilatura's precision mode never and always used (ours uses it on Cyrillic pages).
--per-language also prints, per set, F1 of ours and of bare trafilatura for each language of
the ground truth (steppe's language detector on the true text), so that the few non-English
pages of the real sets are seen apart. Also scored: tests/samples/extract/russian (article
shapes written for the project: a regression floor, not evidence).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import trafilatura

from scoring import (
    Labelled,
    f1_of,
    load_labelled,
    load_scrapinghub,
    load_wcxb,
    main_text,
)
from steppe.extract import build, extract
from steppe.models import Page

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STEPPE_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora" / "extraction"
RUSSIAN = ROOT / "tests" / "samples" / "extract_ru"
RUSSIAN_SHAPES = ROOT / "tests" / "samples" / "extract" / "russian"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
WARM_UP_PAGES = 5

Extractor = Callable[[Labelled], str]


def ours(page: Labelled) -> str:
    """Steppe's whole extract, reduced to its main text."""
    site = page.url.split("/")[2]
    return main_text(extract(Page(url=page.url, site=site, body=page.body, fetched_at=FETCHED)))


def bare(page: Labelled) -> str:
    """trafilatura.extract with its defaults, bytes in."""
    return trafilatura.extract(page.body) or ""


def bare_precision(page: Labelled) -> str:
    """trafilatura.extract with favor_precision=True."""
    return trafilatura.extract(page.body, favor_precision=True) or ""


@dataclass
class Run:
    """One repeat over a set: CPU and wall seconds of each extractor, and their outputs."""

    cpu: dict[str, float] = field(default_factory=lambda: {"ours": 0.0, "bare": 0.0})
    wall: dict[str, float] = field(default_factory=lambda: {"ours": 0.0, "bare": 0.0})
    out: dict[str, list[str]] = field(default_factory=lambda: {"ours": [], "bare": []})

    def ratio(self, clock: str) -> float:
        """Speed of ours over speed of bare on one clock."""
        spent = self.cpu if clock == "cpu" else self.wall
        return spent["bare"] / spent["ours"]


def one_repeat(pages: list[Labelled], order: int) -> Run:
    """Both extractors over all pages, page by page, alternating which goes first."""
    run = Run()
    for index, page in enumerate(pages):
        pair: list[tuple[str, Extractor]] = [("ours", ours), ("bare", bare)]
        if (index + order) % 2:
            pair.reverse()
        for name, fn in pair:
            cpu, wall = time.process_time(), time.perf_counter()
            run.out[name].append(fn(page))
            run.cpu[name] += time.process_time() - cpu
            run.wall[name] += time.perf_counter() - wall
    return run


def measure(name: str, pages: list[Labelled], repeat: int) -> Run:
    """Print speed and F1 of one set; return the median run's CPU seconds as a Run."""
    for page in pages[:WARM_UP_PAGES]:
        ours(page), bare(page)
    runs = [one_repeat(pages, order) for order in range(repeat)]
    median = Run(
        cpu={k: statistics.median(r.cpu[k] for r in runs) for k in ("ours", "bare")},
        wall={k: statistics.median(r.wall[k] for r in runs) for k in ("ours", "bare")},
    )
    cpu_ratios = sorted(r.ratio("cpu") for r in runs)
    wall_ratios = sorted(r.ratio("wall") for r in runs)
    print(f"{name}: {len(pages)} pages, {repeat} repeat(s)")
    for label, key in (("ours  steppe.extract     ", "ours"), ("bare  trafilatura.extract", "bare")):
        f1 = f1_of((p.truth, text) for p, text in zip(pages, runs[0].out[key]))
        print(f"  {label} {len(pages) / median.cpu[key]:7.1f} pages/s (CPU)   F1 {_f1(f1)}")
    print(
        f"  speed ratio ours/bare: CPU median {statistics.median(cpu_ratios):.2f}x "
        f"(range {cpu_ratios[0]:.2f}-{cpu_ratios[-1]:.2f}); wall median {statistics.median(wall_ratios):.2f}x "
        f"(range {wall_ratios[0]:.2f}-{wall_ratios[-1]:.2f})"
    )
    return median


def russian() -> None:
    """F1 on the self-written Russian sets: bare default, bare precision, ours."""
    for root in (RUSSIAN, RUSSIAN_SHAPES):
        if not (root / "labels.json").exists():
            print(f"Russian set not found under {root}")
            continue
        pages = load_labelled(root)
        print(f"Russian set written for the project ({root.relative_to(ROOT)}): {len(pages)} pages")
        _three_ways(pages)


def per_language(name: str, pages: list[Labelled], outputs: list[str]) -> None:
    """F1 of ours (outputs) and of bare trafilatura per language of the true text."""
    from steppe.text.language import detect_language

    groups: dict[str, list[int]] = {}
    for index, page in enumerate(pages):
        groups.setdefault(detect_language(page.truth) or "unknown", []).append(index)
    print(f"  {name} per language of the ground truth (pages: F1 ours / bare):")
    for language, indexes in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        chosen = [pages[i] for i in indexes]
        ours_f1 = f1_of((pages[i].truth, outputs[i]) for i in indexes)["f1"]
        bare_f1 = f1_of((p.truth, bare(p)) for p in chosen)["f1"]
        print(f"    {language:8s} {len(indexes):4d} pages  {ours_f1:.4f} / {bare_f1:.4f}")


def _three_ways(pages: list[Labelled]) -> None:
    for label, fn in (
        ("bare  trafilatura.extract        ", bare),
        ("bare  trafilatura, precision     ", bare_precision),
        ("ours  steppe.extract             ", ours),
    ):
        print(f"  {label} F1 {_f1(f1_of((p.truth, fn(p)) for p in pages))}")


def precision_ablation(sets: dict[str, list[Labelled]]) -> None:
    """F1 of ours with the per-page precision decision replaced by never and always."""
    print("precision ablation: F1 of ours with trafilatura's precision mode never / on Cyrillic pages / always")
    for name, pages in sets.items():
        figures = []
        for decision in (_never, None, _always):
            with mock.patch.object(build, "is_cyrillic", decision) if decision else nullcontext():
                figures.append(f1_of((p.truth, ours(p)) for p in pages)["f1"])
        print(f"  {name:12s} " + " / ".join(f"{f:.4f}" for f in figures))


def _never(_lines: list[str]) -> bool:
    return False


def _always(_lines: list[str]) -> bool:
    return True


def _f1(scores: dict[str, float]) -> str:
    return f"{scores['f1']:.4f} (P {scores['precision']:.4f} R {scores['recall']:.4f})"


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["scrapinghub", "wcxb", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--precision-ablation", action="store_true")
    parser.add_argument("--per-language", action="store_true")
    args = parser.parse_args()
    if not CORPORA.exists():
        print(f"corpora not found under {CORPORA}; set STEPPE_SHARED", file=sys.stderr)
        return 2
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"trafilatura {trafilatura.__version__}; {datetime.now():%Y-%m-%d %H:%M}; {_load()}"
    )
    loaders = {
        "scrapinghub": lambda: load_scrapinghub(CORPORA / "scrapinghub"),
        "wcxb": lambda: load_wcxb(CORPORA / "wcxb-dev-articles"),
    }
    names = ["scrapinghub", "wcxb"] if args.set == "both" else [args.set]
    sets = {name: loaders[name]() for name in names}
    medians = [measure(name, pages, args.repeat) for name, pages in sets.items()]
    if args.per_language:
        for name, pages in sets.items():
            per_language(name, pages, [ours(p) for p in pages])
    if len(medians) > 1:
        cpu = {k: sum(m.cpu[k] for m in medians) for k in ("ours", "bare")}
        wall = {k: sum(m.wall[k] for m in medians) for k in ("ours", "bare")}
        print(
            f"all pages: speed ratio ours/bare (sum of the sets' medians): CPU {cpu['bare'] / cpu['ours']:.2f}x, "
            f"wall {wall['bare'] / wall['ours']:.2f}x"
        )
    russian()
    if args.precision_ablation:
        precision_ablation({**sets, "russian": load_labelled(RUSSIAN)})
    print(f"done; {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
