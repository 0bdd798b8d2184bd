"""Which script a word or a text is written in: the one Cyrillic test everyone imports.

Cyrillic here is the basic block U+0400–U+04FF, which holds Russian and every Cyrillic
letter of Kazakh (ә ғ қ ң ө ұ ү һ і), Kyrgyz, Tajik (ғ ӣ қ ӯ ҳ ҷ) and Uzbek (ў қ ғ ҳ).
"""

from __future__ import annotations

import re

CYRILLIC = re.compile("[\u0400-\u04ff]")  # one Cyrillic letter
NOT_CYRILLIC = re.compile("[^\u0400-\u04ff]+")  # runs of anything else: sub() them away to count
NOT_LETTER = re.compile(r"[\W\d_]+")  # runs of what is not a letter, in any script
_LATIN = re.compile("[A-Za-z]")


def is_cyrillic(word: str) -> bool:
    """Whether a word has a Cyrillic letter (Токаев, Қазақстан; not Tokayev)."""
    return CYRILLIC.search(word) is not None


def mixes_scripts(word: str) -> bool:
    """Whether a word mixes Latin and Cyrillic letters ("cafй"): a wrong codec's tell."""
    return is_cyrillic(word) and _LATIN.search(word) is not None


def cyrillic_share(text: str) -> float:
    """The share of a text's letters that are Cyrillic (0.0 for a text without letters)."""
    letters = NOT_LETTER.sub("", text)
    if not letters:
        return 0.0
    return len(NOT_CYRILLIC.sub("", letters)) / len(letters)
