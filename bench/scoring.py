"""Scoring extraction against ground truth: the ScrapingHub benchmark's token-shingle F1.

Tokens are `\\w+`; each text becomes a multiset of 4-token shingles; per page the
true/false positives and false negatives are normalised to sum to one so that long
pages do not dominate; precision and recall are averaged over pages and F1 is taken
from the two means. Also reads the labelled sets it is applied to. Used by the
quality-gate tests (tests/test_extract_quality.py, through pytest's pythonpath) and by bench/extraction.py.
Not part of the installed package: it reads the corpora beside the checkout.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from steppe.models import Extraction

_TOKEN = re.compile(r"\w+")
Match = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of a text (a short text is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_match(true: str, pred: str) -> Match:
    """Normalised (tp, fp, fn) of predicted against true text."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(matches: Sequence[Match]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over pages."""
    precision = statistics.mean([_precision(*m) for m in matches if m[0] + m[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*m) for m in matches if m[0] + m[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def main_text(extraction: Extraction) -> str:
    """All story text of a page; headlines after the first count as text (a split page loses nothing)."""
    parts: list[str] = []
    for story in extraction.stories:
        if story.position > 0:
            parts.append(story.headline)
        parts.append(story.text)
    return "\n".join(parts)


def f1_of(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Scores of (true, predicted) text pairs."""
    return scores([shingle_match(t, p) for t, p in pairs])


@dataclass(frozen=True)
class Labelled:
    """One page of a scored set: where it came from, its true main text and its bytes."""

    url: str
    truth: str
    body: bytes


def load_scrapinghub(root: Path) -> list[Labelled]:
    """The ScrapingHub benchmark's 181 pages (root holds ground-truth.json and html/)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Labelled(item["url"], item["articleBody"], _gunzip(root / "html" / f"{key}.html.gz"))
        for key, item in sorted(truth.items())
    ]


def load_wcxb(root: Path) -> list[Labelled]:
    """The WCXB dev articles that carry a main-text label (root holds html/ and ground-truth/)."""
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        label = json.loads((root / "ground-truth" / path.name.replace(".html.gz", ".json")).read_text("utf-8"))
        truth = label["ground_truth"].get("main_content")
        if truth is not None:  # one page has no main_content label: not scorable
            pages.append(Labelled(label["url"], truth, _gunzip(path)))
    return pages


def _gunzip(path: Path) -> bytes:
    with gzip.open(path) as file:
        return file.read()


def load_labelled(root: Path) -> list[Labelled]:
    """A set written for the project: labels.json lists file, url and true text of pages/*."""
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    return [Labelled(item["url"], item["text"], (root / "pages" / item["file"]).read_bytes()) for item in labels]
