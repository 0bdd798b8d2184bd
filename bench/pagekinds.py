"""Page kinds on real typed pages: the confusion table of `extract`'s kind against the labels.

Usage: python bench/pagekinds.py [--features FILE.tsv] [--limit N]

Reads ../shared/corpora/extraction (or $STEPPE_SHARED): the 711 WCXB dev articles and the
329 WCXB dev listing, collection and forum pages, each labelled with its page type. Runs
Steppe's whole `extract` on every page and prints, for even file ids (the calibration
half: the thresholds of extract/kind.py were chosen on it) and odd file ids (held out)
separately and together: the confusion table (label x kind), the share of articles called
article or digest (target >= 97 %), the share of listing and collection pages called list
(target >= 80 %), and the time per page. The baseline beside it is trafilatura's default
extraction of the same pages in the same run (what the stage cost before kinds existed is
mostly that), with the ratio. --features writes every page's kind features for calibration.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import trafilatura

from steppe.extract import extract
from steppe.extract.html import parse_html, read_page
from steppe.extract.kind import measure
from steppe.extract.listing import link_groups, main_list
from steppe.models import PAGE_KINDS, Page

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STEPPE_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora" / "extraction"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
SETS = ("wcxb-dev-articles", "wcxb-dev-pagekinds")
LABELS = ("article", "listing", "collection", "forum")


def labelled_pages(limit: int | None) -> list[tuple[str, str, str, bytes]]:
    """(file id, label, url, html bytes) of every typed page."""
    pages = []
    for name in SETS:
        for truth in sorted((CORPORA / name / "ground-truth").glob("*.json")):
            data = json.loads(truth.read_text())
            label = ((data.get("_internal") or {}).get("page_type") or {}).get("primary") or "article"
            html = CORPORA / name / "html" / f"{truth.stem}.html.gz"
            if html.exists():
                pages.append(
                    (truth.stem, label, data.get("url") or "https://example.org/", gzip.decompress(html.read_bytes()))
                )
    return pages[:limit] if limit else pages


def features_row(url: str, body: bytes) -> dict:
    tree = parse_html(body.decode("utf-8", "replace"))
    if tree is None:
        return {}
    read = read_page(tree)
    features = measure(tree, main_list(link_groups(tree)), read.lines)
    return asdict(features) | {
        "list_share": round(features.list_share, 3),
        "long_line_ratio": round(features.long_line_ratio, 3),
    }


def table(rows: list[tuple[str, str]], title: str) -> None:
    """Print one confusion table and the two target shares."""
    counts = Counter(rows)
    print(f"\n{title} ({len(rows)} pages)")
    print(f"{'label':<12}" + "".join(f"{k:>9}" for k in PAGE_KINDS) + f"{'total':>9}")
    for label in LABELS:
        total = sum(counts[(label, k)] for k in PAGE_KINDS)
        if total:
            print(f"{label:<12}" + "".join(f"{counts[(label, k)]:>9}" for k in PAGE_KINDS) + f"{total:>9}")
    articles = [k for label, k in rows if label == "article"]
    lists = [k for label, k in rows if label in ("listing", "collection")]
    if articles:
        good = sum(k in ("article", "digest") for k in articles)
        print(
            f"articles called article or digest: {good}/{len(articles)} = {good / len(articles):.1%} (target >= 97 %)"
        )
    if lists:
        good = sum(k == "list" for k in lists)
        print(f"listing+collection called list:    {good}/{len(lists)} = {good / len(lists):.1%} (target >= 80 %)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=Path, help="write each page's kind features to this TSV file")
    parser.add_argument("--limit", type=int, help="only the first N pages (a quick look)")
    args = parser.parse_args()
    pages = labelled_pages(args.limit)
    if not pages:
        print(f"no pages under {CORPORA}", file=sys.stderr)
        return 1
    rows: list[tuple[str, str, str]] = []
    ours = theirs = 0.0
    out = args.features.open("w") if args.features else None
    for index, (file_id, label, url, body) in enumerate(pages):
        page = Page(url=url, site=url.split("/")[2], body=body, fetched_at=FETCHED)
        order = (0, 1) if index % 2 else (1, 0)  # alternate which runs first: a busy machine loads both alike
        for which in order:
            start = time.process_time()
            if which == 0:
                kind = extract(page).kind
                ours += time.process_time() - start
            else:
                trafilatura.extract(body.decode("utf-8", "replace"), url=url)
                theirs += time.process_time() - start
        rows.append((file_id, label, kind))
        if out:
            values = features_row(url, body)
            if index == 0:
                out.write("\t".join(["id", "label", "kind", *values]) + "\n")
            out.write("\t".join([file_id, label, kind, *map(str, values.values())]) + "\n")
    if out:
        out.close()
    even = [(label, kind) for file_id, label, kind in rows if int(file_id) % 2 == 0]
    odd = [(label, kind) for file_id, label, kind in rows if int(file_id) % 2 == 1]
    table(even, "calibration half (even file ids)")
    table(odd, "held-out half (odd file ids)")
    table(even + odd, "all")
    n = len(rows)
    print(
        f"\ntime per page (process CPU): steppe extract {1000 * ours / n:.1f} ms, "
        f"trafilatura default {1000 * theirs / n:.1f} ms, ratio (trafilatura / steppe) {theirs / ours:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
