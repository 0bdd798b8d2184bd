"""Scoring extraction against ground truth: the ScrapingHub benchmark's token-shingle F1.

Tokens are `\\w+`; each text becomes a multiset of 4-token shingles; per page the
true/false positives and false negatives are normalised to sum to one so that long
pages do not dominate; precision and recall are averaged over pages and F1 is taken
from the two means. Used by the quality-gate tests and by bench/extract.py.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

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
