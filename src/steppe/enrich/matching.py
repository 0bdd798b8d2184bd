"""Find gazetteer names in a piece of text, in one left-to-right pass.

Each word is reduced to its lemma key once (cached), then the longest known phrase
starting at each word wins, so "Shanghai Cooperation Organisation" is one
organisation and not a Chinese city, and "National Bank of Kazakhstan" is the bank.
"""

from __future__ import annotations

from dataclasses import dataclass

from steppe.enrich.gazetteer import Gazetteer, Target
from steppe.enrich.inflection import script_of
from steppe.text.tokens import words

SHOUTING_RATIO = 0.7  # a segment this upper-case is a shouted headline: acronyms are unreliable
ACRONYM_LENGTH = 4  # an all-caps word this short is an acronym (OSH, ORAL): only ``exact`` may match it


@dataclass(frozen=True)
class Mention:
    """One name found in a story."""

    targets: tuple[Target, ...]  # what the name may stand for (several for shared surnames)
    zone: str  # dateline | headline | lead | body
    order: int  # position among the story's mentions


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= SHOUTING_RATIO


def _phrase_at(
    gaz: Gazetteer, keys: list[str], originals: list[str], i: int, shouting: bool
) -> tuple[int, tuple[Target, ...]]:
    """The longest phrase starting at word ``i``: (length, targets), or (0, ())."""
    word = originals[i]
    if not shouting and len(word) <= ACRONYM_LENGTH and word.isupper() and len(word) > 1:
        return 0, ()
    script = script_of(word)
    phrases = gaz.phrases[script]
    longest = gaz.first[script].get(keys[i], 0)
    capital = shouting or word[:1].isupper()
    for size in range(min(longest, len(keys) - i), 0, -1):
        targets = phrases.get(tuple(keys[i : i + size]))
        if targets:
            kept = tuple(t for t in targets if capital or not t.needs_capital)
            if kept:
                return size, kept
    return 0, ()


def scan(gaz: Gazetteer, text: str, zone: str, start: int = 0) -> list[Mention]:
    """Every gazetteer name in ``text``; ``start`` numbers the mentions."""
    originals = words(text)
    keys = [gaz.inflector.canonical(w) for w in originals]
    shouting = zone == "dateline" or _is_shouting(text)  # datelines are written in capitals
    found: list[Mention] = []
    i = 0
    while i < len(keys):
        size, targets = _phrase_at(gaz, keys, originals, i, shouting)
        if not size and not shouting and originals[i] in gaz.exact:
            size, targets = 1, tuple(gaz.exact[originals[i]])
        if size:
            found.append(Mention(targets, zone, start + len(found)))
            i += size
        else:
            i += 1
    return found
