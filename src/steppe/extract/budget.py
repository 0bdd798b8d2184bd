"""The extraction budget: bound what a page hands to the parser and the extractor.

trafilatura's cost grows faster than linearly with the number of block elements
(`<article><h1>` and a megabyte of empty `<p>` ran for minutes), and everything after it
(dates, segmentation, language) is linear in the text. So before extraction a page is
bounded, keeping its head, where articles live:

* markup over MAX_MARKUP_CHARS loses its scripts, styles and comments (JSON-LD kept: it
  holds dates), then everything past MAX_MARKUP_CHARS;
* markup of more than MAX_ELEMENTS elements loses its empty ones (no text, no media),
  then everything from its MAX_ELEMENTS-th opening tag on (the parser closes what is open);
* text past MAX_TEXT_CHARS (in document order) is cut, inside one node if need be.

The caps are several times what real pages use (largest on the ScrapingHub and WCXB sets:
4.97 MB of markup, mostly scripts; 10,224 elements; article text 53,372 chars), so
ordinary pages pass untouched. bench/hostile_pages.py measures the hostile shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from steppe.models import Extraction

MAX_MARKUP_CHARS = 3_000_000
MAX_ELEMENTS = 15_000
MAX_TEXT_CHARS = 500_000
PRUNING_ROUNDS = 4  # levels of nested empty blocks removed before the element cap cuts
_HIDDEN_OPENING = re.compile(r"<(script|style|noscript|template|svg)\b([^<>]*)>|<!--", re.IGNORECASE)
_KEPT_SCRIPT = re.compile(r"ld\+json", re.IGNORECASE)
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_VISIBLE_TEXT = "//text()[not(parent::script or parent::style or parent::noscript or parent::template)]"
_OPENING_TAG = re.compile(r"<[A-Za-z]")
# An element that holds nothing but spaces (not a media or frame element, which shows without text).
_EMPTY_ELEMENT = re.compile(
    r"<(?!(?:iframe|video|audio|object|canvas|textarea|td|th)\b)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>\s*</\1\s*>"
)


@dataclass(frozen=True)
class Bounds:
    """What a page lost to the budget, for a reason a person can read; empty when nothing was cut."""

    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.notes)

    def reason(self) -> str:
        """The cuts as one clause."""
        return "; ".join(self.notes)


def bound_markup(markup: str) -> tuple[str, Bounds]:
    """The page's markup within MAX_MARKUP_CHARS, head kept; what was and will be cut (bound_elements)."""
    notes: tuple[str, ...] = ()
    if len(markup) > MAX_MARKUP_CHARS:
        markup = _without_hidden_blocks(markup)
        if len(markup) > MAX_MARKUP_CHARS:
            notes = (f"cut to its first {MAX_MARKUP_CHARS:,} characters of markup of {len(markup):,}",)
            markup = markup[: _outside_tags(markup, MAX_MARKUP_CHARS)]
    if _over_element_budget(markup):
        notes += (f"more than {MAX_ELEMENTS:,} elements: empty ones dropped, then the rest past the cap",)
    return markup, Bounds(notes)


def _outside_tags(markup: str, cut: int) -> int:
    """The cut moved back to the start of the tag it falls in, if it falls in one."""
    tag = markup.rfind("<", 0, cut)
    return tag if tag > 0 and markup.find(">", tag, cut) < 0 else cut


def bound_elements(markup: str) -> str:
    """Markup with at most MAX_ELEMENTS opening tags: empty elements out, then the head kept.

    Only for the parser's route: the text route reads nesting of any depth in linear time.
    """
    if not _over_element_budget(markup):
        return markup
    for _ in range(PRUNING_ROUNDS):
        pruned = _EMPTY_ELEMENT.sub("", markup)
        if len(pruned) == len(markup):
            break
        markup = pruned
    cut = _nth_opening(markup, MAX_ELEMENTS)
    return markup if cut is None else markup[:cut]


def _without_hidden_blocks(markup: str) -> str:
    """Markup without scripts, styles, SVG and comments, in linear time (an unclosed one hides the rest)."""
    kept: list[str] = []
    position = 0
    while (opening := _HIDDEN_OPENING.search(markup, position)) is not None:
        name = opening.group(1)
        if name and _KEPT_SCRIPT.search(opening.group(2) or ""):
            kept.append(markup[position : opening.end()])
            position = opening.end()
            continue
        kept.append(markup[position : opening.start()])
        closer = re.compile("-->" if name is None else rf"</{name}\s*>", re.IGNORECASE).search(markup, opening.end())
        if closer is None:
            return "".join(kept)
        position = closer.end()
    kept.append(markup[position:])
    return "".join(kept)


def bound_text(text: str) -> str:
    """A plain-text page within MAX_TEXT_CHARS, head kept."""
    return text[:MAX_TEXT_CHARS]


def with_bounds(extraction: Extraction, bounds: Bounds) -> Extraction:
    """A rejection of a page cut to the budget says so: what was read was only its head."""
    if not extraction.rejected or not bounds:
        return extraction
    return replace(extraction, rejected=f"{extraction.rejected} (page over the extraction budget: {bounds.reason()})")


def bound_tree(tree: Any, markup_chars: int) -> Bounds:
    """Cut a parsed page's text (in place) to MAX_TEXT_CHARS in document order, head kept."""
    if markup_chars > MAX_TEXT_CHARS and _cut_text(tree):
        return Bounds((f"text cut to its first {MAX_TEXT_CHARS:,} characters",))
    return Bounds()


def _over_element_budget(markup: str) -> bool:
    """More than MAX_ELEMENTS opening tags (counted in C: most pages stop at the first test)."""
    return markup.count("<") > MAX_ELEMENTS and len(_OPENING_TAG.findall(markup)) > MAX_ELEMENTS


def _nth_opening(markup: str, n: int) -> int | None:
    """Where the n-th (0-based) opening tag starts, or None when there are not that many."""
    found = next(islice(_OPENING_TAG.finditer(markup), n, None), None)
    return found.start() if found else None


def _cut_after(element: Any) -> None:
    """Remove an element and everything after it in document order (its ancestors stay)."""
    current = element
    while current is not None and current.getparent() is not None:
        parent = current.getparent()
        for following in list(current.itersiblings()):
            parent.remove(following)
        current = parent
    parent = element.getparent()
    if parent is not None:
        element.tail = None
        parent.remove(element)


def _cut_text(tree: Any) -> bool:
    """Cut the visible text past MAX_TEXT_CHARS in document order; whether anything was cut."""
    budget = MAX_TEXT_CHARS
    if len(tree.xpath("string()")) <= budget:  # one pass in C over every text node: the common case
        return False
    if sum(map(len, tree.xpath(_VISIBLE_TEXT))) <= budget:  # long scripts and styles are not text
        return False
    for element in tree.iter():
        hidden = not isinstance(element.tag, str) or element.tag.lower() in _HIDDEN_TAGS
        for attribute in ("tail",) if hidden else ("text", "tail"):
            value = getattr(element, attribute) or ""
            if len(value) > budget:
                setattr(element, attribute, value[:budget])
                _cut_rest(element, attribute)
                return True
            budget -= len(value)
    return False


def _cut_rest(element: Any, attribute: str) -> None:
    """After a cut in an element's text drop its children and what follows; after its tail, what follows."""
    if attribute == "text":
        for child in list(element):
            element.remove(child)
    following = next(element.itersiblings(), None)
    if following is None:
        following = _next_up(element)
    if following is not None:
        _cut_after(following)


def _next_up(element: Any) -> Any | None:
    for ancestor in element.iterancestors():
        following = next(ancestor.itersiblings(), None)
        if following is not None:
            return following
    return None
