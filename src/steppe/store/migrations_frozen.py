"""Frozen copies of application code that migrations call: a migration must mean forever what it meant when written.

Frozen on purpose: do not edit to follow ``steppe.text.fold`` or ``steppe.text.tokens``. A
migration that called the live folding would rebuild a different index whenever that code
changed; a change of folding that stored data must follow is a new numbered migration.

``fold_0006`` is ``text.fold.fold`` as of migration 006 (the newest-first search index).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Applied before anyascii: letters whose anyascii output would not meet the
# other scripts' spelling of the same sound.
_LETTERS = str.maketrans(
    {
        "ё": "е",  # Russian writers drop the dots: Мирзиёев / Мирзиеев
        "ў": "о",  # Uzbek Cyrillic ў is Latin oʻ: Ўзбекистон / Oʻzbekiston
        "ş": "sh",
        "ç": "ch",
        "ž": "zh",  # Turkmen, Turkish, Azeri Latin
        "ı": "i",
        "ə": "a",
        "ь": "",
        "ъ": "",
        "'": "",
        "’": "",
        "‘": "",
        "ʻ": "",
        "ʼ": "",
        "`": "",
        "ʹ": "",
    }
)

# Applied after anyascii, left to right, longest first.
_MERGES = {
    "dzh": "j",
    "dj": "j",
    "zh": "j",
    "kh": "h",
    "gh": "g",
    "q": "k",
    "w": "v",
    "ye": "e",
    "yo": "e",
    "y": "i",
}
_MERGE_RE = re.compile("|".join(sorted(_MERGES, key=len, reverse=True)))
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    text = anyascii(word.casefold().translate(_LETTERS)).lower()
    text = _NON_WORD_RE.sub("", text)
    text = _MERGE_RE.sub(lambda m: _MERGES[m.group(0)], text)
    return _DOUBLE_RE.sub(r"\1", text)


_WORD = re.compile(r"[^\W_]+(?:['’‘ʼ`][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")


def fold_0006(text: str) -> str:
    """The folded keys of a text, as migration 006 indexed them."""
    found = (w[:-2] if w.endswith(_POSSESSIVE) else w for w in _WORD.findall(text))
    return " ".join(k for k in (_fold_word(w) for w in found) if k)
