"""A page's main text from trafilatura: its fast pass first, the full cascade when in doubt.

trafilatura's full cascade compares its own extractor's result with readability and
jusText on every page. That comparison costs about a third of its time and changes the
answer when its own extractor missed the article or took the menus, which shows: the
fast text is short, leaves out half of the page's paragraph text, or is made mostly of
menu-like lines. So the fast pass runs first and the full cascade only on those pages
(one page in ten on the ScrapingHub and WCXB sets, where F1 stays as it was with the full
cascade on every page: the thresholds were chosen on those sets; bench/extraction.py).

Cyrillic pages go through trafilatura's precision mode: Russian-language news sites wrap
their articles in menus and teaser lists that the default mode keeps (refs/extraction.md:
+5 F1 points on the DAnIEL Russian pages; +4.8 on our Russian set, tests/samples/extract_ru).
On English pages precision costs recall (WCXB F1 0.933 to 0.923), so it is not the default.
"""

from __future__ import annotations

import re
from typing import Any

MIN_TRUSTED_CHARS = 500  # twice trafilatura's MIN_EXTRACTED_SIZE, below which it tries fallbacks
PARAGRAPH_CHARS = 120  # a page line this long is running text, not navigation
MIN_PARAGRAPH_COVERAGE = 0.5  # share of the page's paragraph text the fast pass must hold
MENU_LINE_WORDS = 3  # a line of the text this short reads like a menu entry
MAX_MENU_SHARE = 0.5  # share of the text in menu-like lines above which it is a menu
CYRILLIC_SHARE = 0.5  # share of a page's letters that makes it a Cyrillic page
CYRILLIC_SAMPLE_CHARS = 4000
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_CYRILLIC = re.compile(r"[^\u0400-\u04ff]+")


def main_text(tree: Any, url: str | None, page_lines: list[str], *, precision: bool = False) -> str | None:
    """trafilatura's main text of a parsed page (comments left out), or None."""
    fast = _trafilatura_text(tree, url, fast=True, precision=precision)
    if fast and can_stand(fast, page_lines):
        return fast
    return _trafilatura_text(tree, url, fast=False, precision=precision) or fast


def is_cyrillic(page_lines: list[str]) -> bool:
    """Whether most letters of a page's running text are Cyrillic."""
    sample = "".join(line for line in page_lines if len(line) >= PARAGRAPH_CHARS)[:CYRILLIC_SAMPLE_CHARS]
    letters = _NOT_LETTER.sub("", sample)
    cyrillic = _NOT_CYRILLIC.sub("", letters)
    return bool(letters) and len(cyrillic) > CYRILLIC_SHARE * len(letters)


def can_stand(text: str, page_lines: list[str]) -> bool:
    """Whether the fast pass's text can do without the full cascade's second opinion."""
    return len(text) >= MIN_TRUSTED_CHARS and covers_paragraphs(text, page_lines) and not reads_like_menu(text)


def covers_paragraphs(text: str, page_lines: list[str]) -> bool:
    """Whether a text holds at least MIN_PARAGRAPH_COVERAGE of the page's paragraph text.

    A text longer than all of that paragraph text passes: what it leaves out is not its
    article (a cookie notice, a long footer) but the short lines it holds instead.
    """
    paragraphs = [line for line in page_lines if len(line) >= PARAGRAPH_CHARS]
    total = sum(len(line) for line in paragraphs)
    squeezed = " ".join(text.split())
    if len(squeezed) >= total:
        return True
    held = sum(len(line) for line in paragraphs if line in squeezed)
    return held >= MIN_PARAGRAPH_COVERAGE * total


def reads_like_menu(text: str) -> bool:
    """Whether most of a text sits in lines of a few words (a menu dumped as text)."""
    lines = [line for line in text.splitlines() if line.strip()]
    total = sum(len(line) for line in lines)
    short = sum(len(line) for line in lines if len(line.split()) <= MENU_LINE_WORDS)
    return short > MAX_MENU_SHARE * total


def _trafilatura_text(tree: Any, url: str | None, *, fast: bool, precision: bool) -> str | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, fast=fast, favor_precision=precision, include_comments=False)
    except Exception:  # trafilatura's failures are many and undocumented: treat as no text
        return None
    return doc.text if doc is not None and doc.text else None
