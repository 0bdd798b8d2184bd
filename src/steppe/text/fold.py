"""One matching key for names across scripts and spellings.

``fold`` turns Токаев, Tokayev, Toqaev and Тоқаев into the same key ``tokaev``:
case-fold, per-language letter tables (Uzbek ў is Latin oʻ, Turkmen/Turkish ş is sh),
anyascii transliteration, then a few spelling merges that English, Russian and local
romanisations disagree on (kh/h, zh/j, q/k, ye/e, y/i, doubled letters).
Search and clustering use the same key, so a query in one script finds the others.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from steppe.text.tokens import words

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
def fold_word(word: str) -> str:
    """Fold one word (no spaces) into its matching key."""
    text = anyascii(word.casefold().translate(_LETTERS)).lower()
    text = _NON_WORD_RE.sub("", text)
    text = _MERGE_RE.sub(lambda m: _MERGES[m.group(0)], text)
    return _DOUBLE_RE.sub(r"\1", text)


def fold(text: str) -> str:
    """The matching key of a text: its words (text.tokens) folded and joined by single spaces."""
    return " ".join(k for k in (fold_word(w) for w in words(text)) if k)
