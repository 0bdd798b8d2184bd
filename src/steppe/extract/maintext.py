"""A page's main text from trafilatura: its fast pass first, the full cascade when in doubt.

trafilatura's full cascade compares its own extractor's result with readability and
jusText on every page. That comparison costs about a third of its time and changes the
answer when its own extractor missed the article or took the menus, which shows: the
fast text is short, leaves out half of the page's paragraph text, or is made mostly of
menu-like lines. So the fast pass runs first and the full cascade only on those pages
(one page in ten on the ScrapingHub and WCXB sets, where F1 stays as it was with the full
cascade on every page: the thresholds were chosen on those sets; bench/extraction.py).
The fast pass is trafilatura's stage one run here on one copy of the tree with the elements
its cleaning deletes taken out first (_first_pass): the same text as its own fast pass on
every ScrapingHub and WCXB page, about a fifth cheaper.

Cyrillic pages go through trafilatura's precision mode: Russian-language news sites wrap
their articles in menus and teaser lists that the default mode keeps (+5 F1 points on the
DAnIEL Russian pages in a published comparison; +4.8 on our Russian set, tests/samples/extract_ru).
On English pages precision costs recall (WCXB F1 0.933 to 0.923), so it is not the default.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from steppe.extract.boxes import drop_side_boxes
from steppe.text.scripts import NOT_CYRILLIC as _NOT_CYRILLIC

MIN_TRUSTED_CHARS = 500  # twice trafilatura's MIN_EXTRACTED_SIZE, below which it tries fallbacks
PARAGRAPH_CHARS = 120  # a page line this long is running text, not navigation
MIN_PARAGRAPH_COVERAGE = 0.5  # share of the page's paragraph text the fast pass must hold
MENU_LINE_WORDS = 3  # a line of the text this short reads like a menu entry
MAX_MENU_SHARE = 0.5  # share of the text in menu-like lines above which it is a menu
CYRILLIC_SHARE = 0.5  # share of a page's letters that makes it a Cyrillic page
CYRILLIC_SAMPLE_CHARS = 4000
_NOT_LETTER = re.compile(r"[\W\d_]+")


def main_text(tree: Any, url: str | None, page_lines: list[str], *, precision: bool = False) -> str | None:
    """trafilatura's main text of a parsed page (comments left out), or None.

    On Cyrillic pages (precision) the tree loses its side boxes first (boxes.py): the caller
    must be done with it. On the English pages of the ScrapingHub and WCXB sets the boxes
    gained under 0.3 F1 points for a tenth of the stage's time, so they are not read there.
    """
    page_chars = sum(len(line) for line in page_lines)
    if precision:
        drop_side_boxes(tree, page_chars)
    fast, final = _first_pass(tree, url, precision, page_chars + len(page_lines))
    if not final:  # trafilatura's recall retry may change this text: let it run its own fast cascade
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
    text = getattr(doc, "text", None)  # a Document (a dict only when asked for one)
    return text if isinstance(text, str) and text else None


# Elements trafilatura's tree_cleaning deletes with their subtree (keeping their tail), taken
# out before its whole-tree XPath prunes run: the same text comes out of stage one, over
# about half as many elements (menus, footers, the <head> and icons are 40 % of them on the
# ScrapingHub and WCXB pages). Not <form>, <figure> or <math>, which it reads before deleting.
PRE_CLEANED = ("aside", "button", "footer", "head", "iframe", "nav", "noscript", "script", "style", "svg")
ESCALATION_MARGIN = 1.5  # how far trafilatura's page text may exceed ours (it keeps <noscript>, <select>)


def _first_pass(tree: Any, url: str | None, precision: bool, page_chars: int) -> tuple[str | None, bool]:
    """Stage one of trafilatura's fast cascade on one pre-cleaned copy of the tree.

    trafilatura.bare_extraction copies the tree three times and prunes every element of it
    with XPath before cleaning; this copies once and prunes what cleaning keeps. Its later
    stages (a baseline rescue under MIN_TRUSTED_CHARS, the recall retry when the text is a
    small share of the page) are left to it. Returns the text and whether it is final: not
    when the recall retry may apply. A text under MIN_TRUSTED_CHARS is final although the
    rescue may apply: such a text cannot stand, and the full cascade rescues it.
    """
    from lxml import etree
    from trafilatura import core
    from trafilatura.core import _forum_thread_page
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content
    from trafilatura.settings import DEFAULT_CONFIG, Extractor
    from trafilatura.xml import xmltotxt
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

    try:
        options = Extractor(
            config=DEFAULT_CONFIG, output_format="python", fast=True, precision=precision, comments=False, url=url
        )
        forum = _forum_thread_page(tree)
        work = copy.copy(tree)
        etree.strip_elements(work, *PRE_CLEANED, with_tail=False)
        work = prune_unwanted_nodes(work, RAW_TREE_PRUNE_XPATH)
        if precision or not forum:
            work = prune_unwanted_nodes(work, REMOVE_COMMENTS_AND_LISTS_XPATH)
        cleaned = convert_tags(tree_cleaning(work, options), options, url)
        if precision and not forum:
            cleaned = prune_unwanted_nodes(cleaned, REMOVE_COMMENTS_XPATH)
        body, text = extract_content(cleaned, options)
    except Exception:  # as in _trafilatura_text: no text
        return None, True
    limit = core.ESCALATION_MAX_LENGTH
    share = core.ESCALATION_PAGE_SHARE * ESCALATION_MARGIN * page_chars
    retry = not precision and MIN_TRUSTED_CHARS <= len(text) < limit and len(text) < share
    return xmltotxt(body, options.formatting) or None, not retry
