"""Case forms of gazetteer names: Казахстана, Токаевым, Қазақстанда -> one lemma key.

Russian and the Turkic languages inflect names with endings. Rather than a general
stemmer (which would turn the surname Токаев into the stem ток-), we only strip an
ending when what is left is a stem we registered from the gazetteer itself. English
words never get endings stripped, so "Indiana" cannot become India.

Stems are compared in their own script (lower case, ё as е), not folded: folding merges
ы and и, which would make Марию (Maria) a case form of Мары (the Turkmen city).
"""

from __future__ import annotations

from steppe.text.fold import fold_word
from steppe.text.scripts import is_cyrillic

CACHE_WORDS = 200_000  # words remembered before the cache starts afresh (bounded memory)
MIN_STEM = 4  # a nominative ending is stripped only when this much is left (Дели stays whole)
_LIGHT = str.maketrans({"ё": "е", "'": "", "’": "", "‘": "", "ʻ": "", "ʼ": "", "`": ""})


def _light(word: str) -> str:
    """A word in its own script, lower case, ё as е and without apostrophes."""
    return word.casefold().translate(_LIGHT)


def script_of(word: str) -> str:
    """'cyrillic' when the word has a Cyrillic letter, else 'latin'."""
    return "cyrillic" if is_cyrillic(word) else "latin"


class Inflector:
    """Maps a word in any case form to the lemma key of a gazetteer word."""

    def __init__(self, endings: dict[str, dict[str, list[str]]]) -> None:
        endings = {s: e for s, e in endings.items() if not s.startswith("_")}
        self._nominative = {s: sorted(e["nominative"], key=len, reverse=True) for s, e in endings.items()}
        self._oblique = {s: frozenset(e["oblique"]) for s, e in endings.items()}
        self._longest = {s: max((len(x) for x in e), default=0) for s, e in self._oblique.items()}
        self._lemmas: dict[str, dict[str, str]] = {s: {} for s in endings}
        self._stems: dict[str, dict[str, str]] = {s: {} for s in endings}
        self._cache: dict[str, str] = {}

    def register(self, word: str) -> None:
        """Make an inflectable gazetteer word (nominative) and its stem known."""
        script = script_of(word)
        key = fold_word(word)
        if self.canonical(word) != key:
            return  # already reachable as a case form of a known lemma
        light = _light(word)
        self._lemmas[script].setdefault(light, key)
        for ending in self._nominative[script]:
            if light.endswith(ending) and len(light) - len(ending) >= MIN_STEM:
                self._stems[script].setdefault(light[: -len(ending)], key)
                break
        self._cache.clear()

    def canonical(self, word: str) -> str:
        """The lemma key of a word: its fold, or the fold of the gazetteer word it inflects."""
        hit = self._cache.get(word)
        if hit is None:
            if len(self._cache) >= CACHE_WORDS:
                self._cache.clear()
            hit = self._cache[word] = self._lookup(word)
        return hit

    def _lookup(self, word: str) -> str:
        script = script_of(word)
        lemmas, stems = self._lemmas[script], self._stems[script]
        light = _light(word)
        if light in lemmas:
            return lemmas[light]
        oblique = self._oblique[script]
        for size in range(min(self._longest[script], len(light) - 2), 0, -1):
            if light[-size:] in oblique:
                stem = light[:-size]
                found = lemmas.get(stem) or stems.get(stem)
                if found:
                    return found
        return fold_word(word)
