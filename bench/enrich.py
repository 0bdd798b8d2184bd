"""Benchmark: median milliseconds to enrich one story, beside a naive baseline.

Ours: ``steppe.enrich.enrich`` (one pass over the words with a cached lemma per word,
plus figures, topics, and language detection when the story has no language).
Baseline: what a first attempt looks like, one compiled regex per gazetteer name form,
each searched over the story (names only: no figures, topics or language).

Stories: the 160 labelled stories in tests/samples/enrich (short, ~400 characters) and
the same joined five at a time (~2,000 characters, a typical news story).
Run: python bench/enrich.py
"""

from __future__ import annotations

import json
import platform
import re
import statistics
import time
from pathlib import Path

from steppe.enrich import enrich
from steppe.enrich.gazetteer import gazetteer
from steppe.models import Story

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "samples" / "enrich"
REPEATS = 5


def load_stories() -> list[Story]:
    rows = []
    for name in ("handwritten.jsonl", "generated.jsonl"):
        rows += [json.loads(line) for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines()]
    return [
        Story(url=r["id"], site="bench", headline=r["headline"], text=r["text"], language=r["language"]) for r in rows
    ]


def long_stories(stories: list[Story]) -> list[Story]:
    return [
        Story(
            url=f"long-{i}",
            site="bench",
            headline=stories[i].headline,
            text="\n".join(s.text for s in stories[i : i + 5]),
            language=stories[i].language,
        )
        for i in range(0, len(stories) - 4, 5)
    ]


def naive_patterns() -> list[re.Pattern[str]]:
    """One regex per name form in the data files, as a first attempt would do."""
    data = SAMPLES.parent.parent.parent / "src" / "steppe" / "data" / "gazetteer"
    forms: set[str] = set()
    for name in ("countries.json", "places.json", "people.json", "organizations.json"):
        _collect(json.loads((data / name).read_text(encoding="utf-8")), forms)
    return [re.compile(r"\b" + re.escape(f) + r"\b", re.IGNORECASE) for f in sorted(forms)]


def _collect(node: object, forms: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("_about", "id", "role", "source", "from", "until", "country", "name"):
                _collect(value, forms)
    elif isinstance(node, list):
        for value in node:
            _collect(value, forms)
    elif isinstance(node, str) and len(node) > 1:
        forms.add(node)


def naive(story: Story, patterns: list[re.Pattern[str]]) -> list[str]:
    text = story.headline + "\n" + story.text
    return [p.pattern for p in patterns if p.search(text)]


def clear_word_caches() -> None:
    """Forget every word seen, so the run pays for folding each word (a cold process)."""
    from steppe.enrich.topics import _keywords
    from steppe.text.fold import fold_word

    fold_word.cache_clear()
    gazetteer().inflector._cache.clear()
    _keywords().cache.clear()


def median_ms(func, stories: list[Story], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        for story in stories:
            start = time.perf_counter()
            func(story)
            timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    start = time.perf_counter()
    gazetteer()
    load_ms = (time.perf_counter() - start) * 1000
    patterns = naive_patterns()
    short = load_stories()
    sets = {"short (~400 chars)": short, "long (~2,000 chars)": long_stories(short)}
    enrich(Story(url="warm", site="bench", headline="Warm", text="up", language=None))  # load models
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"gazetteer build: {load_ms:.0f} ms once per process; naive baseline: {len(patterns)} regexes")
    for label, stories in sets.items():
        clear_word_caches()
        cold = median_ms(enrich, stories, repeats=1)
        ours = median_ms(enrich, stories)
        no_language = [Story(url=s.url, site=s.site, headline=s.headline, text=s.text) for s in stories]
        ours_detect = median_ms(enrich, no_language)
        base = median_ms(lambda s: naive(s, patterns), stories)
        print(
            f"{label}, {len(stories)} stories:\n"
            f"  enrich      {ours:7.3f} ms median, word caches warm ({cold:.3f} ms cold first pass; "
            f"{ours_detect:.3f} ms with language detection)\n"
            f"  naive regex {base:7.3f} ms median (names only)\n"
            f"  ratio       {base / ours:7.1f}x warm, {base / cold:.1f}x cold"
        )


if __name__ == "__main__":
    main()
