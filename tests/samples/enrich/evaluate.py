"""Score Steppe's enrich stage on the labelled stories in this folder.

Primary-country micro-F1 and gazetteer-person micro-F1, per language.
Run: python tests/samples/enrich/evaluate.py [-v]   (-v lists every miss)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from steppe.enrich import enrich, primary_countries
from steppe.models import Story

HERE = Path(__file__).parent
SETS = ("handwritten.jsonl", "generated.jsonl")


@dataclass
class Tally:
    """True positives, false positives and false negatives, with the misses."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, story_id: str, gold: set[str], found: set[str]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)
        if gold != found:
            self.misses.append(f"{story_id}: gold {sorted(gold)} found {sorted(found)}")

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0


def load() -> list[dict]:
    """Every labelled story."""
    rows = []
    for name in SETS:
        with (HERE / name).open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def evaluate(rows: list[dict]) -> dict[str, dict[str, Tally]]:
    """{language: {"countries": Tally, "people": Tally}}"""
    scores: dict[str, dict[str, Tally]] = {}
    for row in rows:
        story = Story(
            url=f"https://example.test/{row['id']}",
            site="example.test",
            headline=row["headline"],
            text=row["text"],
            language=row["language"],
        )
        tallies = scores.setdefault(row["language"], {"countries": Tally(), "people": Tally()})
        tallies["countries"].add(row["id"], set(row["countries"]), set(primary_countries(story)))
        people = {e.id for e in enrich(story).people}
        tallies["people"].add(row["id"], set(row["people"]), people)
    return scores


def main() -> None:
    rows = load()
    scores = evaluate(rows)
    for language, tallies in sorted(scores.items()):
        count = sum(1 for r in rows if r["language"] == language)
        print(
            f"{language}: {count} stories  primary-country micro-F1 {tallies['countries'].f1:.3f}  "
            f"person F1 {tallies['people'].f1:.3f}"
        )
        if "-v" in sys.argv:
            for kind, tally in tallies.items():
                for miss in tally.misses:
                    print(f"  {kind} {miss}")


if __name__ == "__main__":
    main()
