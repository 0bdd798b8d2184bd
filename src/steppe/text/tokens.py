"""What a word is: the one token rule of folding, search queries, excerpts and the search index.

A word is a run of letters and digits (any script), with inner apostrophes kept, so that
Oʻzbekiston, O'zbekiston and Ozbekiston are each one word and fold to one key. The
English possessive 's is not part of the name it follows.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’‘ʼ`][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")


def words(text: str) -> list[str]:
    """The words of a text, with English possessive 's removed."""
    found = WORD.findall(text)
    return [w[:-2] if w.endswith(_POSSESSIVE) else w for w in found]
