"""Topics from a small fixed taxonomy, by weighted keywords in English and Russian.

Keywords live in ``data/gazetteer/topics.json``; a trailing * makes a prefix. Words are
compared by their folded key, so Economy, economic and экономики all count. Headline
words count double. A story gets one to three topics, or none when nothing is clear.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from steppe.text.fold import fold_word
from steppe.text.tokens import words

HEADLINE_WEIGHT = 2.0
MIN_SCORE = 3.0  # evidence a topic needs
MIN_SHARE = 0.45  # ... and its share of the top topic's score
MAX_TOPICS = 3
CACHE_WORDS = 200_000  # words remembered before the cache starts afresh (bounded memory)

_Hit = tuple[str, float, tuple[tuple[str, bool], ...]]  # topic, weight, following word patterns


@dataclass
class _Keywords:
    exact: dict[str, list[_Hit]] = field(default_factory=dict)
    prefix: dict[str, list[_Hit]] = field(default_factory=dict)
    prefix_sizes: list[int] = field(default_factory=list)
    cache: dict[str, list[_Hit]] = field(default_factory=dict)


def _pattern(word: str) -> tuple[str, bool]:
    """(folded word, is_prefix) for a keyword word like 'econom*'."""
    return fold_word(word.rstrip("*")), word.endswith("*")


@lru_cache(maxsize=1)
def _keywords() -> _Keywords:
    raw = json.loads(resources.files("steppe").joinpath("data", "gazetteer", "topics.json").read_text(encoding="utf-8"))
    table = _Keywords()
    for topic, spec in raw["topics"].items():
        for keyword, weight in spec["keywords"].items():
            (head, is_prefix), *rest = [_pattern(w) for w in keyword.split()]
            target = table.prefix if is_prefix else table.exact
            target.setdefault(head, []).append((topic, float(weight), tuple(rest)))
    table.prefix_sizes = sorted({len(p) for p in table.prefix})
    return table


def _hits(table: _Keywords, key: str) -> list[_Hit]:
    found = table.cache.get(key)
    if found is None:
        if len(table.cache) >= CACHE_WORDS:
            table.cache.clear()
        found = list(table.exact.get(key, []))
        for size in table.prefix_sizes:
            if size > len(key):
                break
            found.extend(table.prefix.get(key[:size], []))
        table.cache[key] = found
    return found


def _follows(keys: list[str], i: int, rest: tuple[tuple[str, bool], ...]) -> bool:
    if i + len(rest) >= len(keys):
        return False
    return all(keys[i + 1 + j].startswith(w) if p else keys[i + 1 + j] == w for j, (w, p) in enumerate(rest))


def score_topics(headline: str, text: str) -> dict[str, float]:
    """Keyword evidence per topic."""
    table = _keywords()
    score: dict[str, float] = defaultdict(float)
    for part, weight in ((headline, HEADLINE_WEIGHT), (text, 1.0)):
        keys = [fold_word(w) for w in words(part)]
        for i, key in enumerate(keys):
            for topic, points, rest in _hits(table, key):
                if not rest or _follows(keys, i, rest):
                    score[topic] += points * weight
    return dict(score)


def find_topics(headline: str, text: str) -> tuple[str, ...]:
    """One to three topics, strongest first; () when no topic has enough evidence."""
    score = score_topics(headline, text)
    if not score:
        return ()
    top = max(score.values())
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = [t for t, s in ranked if s >= MIN_SCORE and s >= MIN_SHARE * top]
    return tuple(chosen[:MAX_TOPICS])
