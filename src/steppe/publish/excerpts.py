"""Search excerpts: the words around the first match, matches marked (Tokayev finds Токаев)."""

from __future__ import annotations

import re

from steppe.text.fold import fold_word
from steppe.text.marks import MARK_END, MARK_START
from steppe.text.tokens import WORD

EXCERPT_WORDS = 28


def _term_matches(word: str, raws: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return word.casefold().startswith(raws) or (bool(keys) and fold_word(word).startswith(keys))


def folded_excerpt(text: str, terms: tuple[tuple[str, str], ...], words: int = EXCERPT_WORDS) -> str:
    """An excerpt around the first word matching a term by its folded key (Tokayev ~ Токаев), marked.

    The text is read only as far as the excerpt reaches: the first match fixes where it starts.
    """
    raws = tuple(raw for raw, _ in terms)
    keys = tuple(folded for _, folded in terms if folded)
    tokens: list[re.Match[str]] = []
    hits: list[int] = []
    for i, m in enumerate(WORD.finditer(text)):
        tokens.append(m)
        if hits and i >= max(0, hits[0] - words // 3) + words:
            break  # one token past the excerpt: enough to know the text goes on
        if _term_matches(m.group(0), raws, keys):
            hits.append(i)
    if not tokens:
        return text[:200]
    first = max(0, (hits[0] if hits else 0) - words // 3)
    last = min(len(tokens), first + words)
    start, end = tokens[first].start(), tokens[last - 1].end()
    pieces, cursor = [], start
    for i in (h for h in hits if h < last):
        m = tokens[i]
        pieces += [text[cursor : m.start()], MARK_START, m.group(0), MARK_END]
        cursor = m.end()
    pieces.append(text[cursor:end])
    return ("…" if first else "") + "".join(pieces) + ("…" if last < len(tokens) else "")
