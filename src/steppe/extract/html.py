"""HTML pages: parse once, read every text line, the headline, story containers and main text.

The tree is walked iteratively (never recursively) so that pathological nesting cannot
exhaust the stack. trafilatura supplies the main text and metadata; it mutates the
tree, so everything else is read from the tree before it runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from steppe.extract.patterns import (
    BLOCK_TAGS,
    CELL_TAGS,
    HEADING_TAGS,
    HEADLINE_CLASS,
    SKIPPED_TAGS,
    STORY_CONTAINER_CLASS,
    TITLE_SEPARATORS,
)

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\r\f\v]+")
_CANDIDATES = etree.XPath(
    "//article | //*[@class][contains(@class, 'story') or contains(@class, 'post') or contains(@class, 'entry')"
    " or contains(@class, 'teaser') or contains(@class, 'news') or contains(@class, 'digest')]"
)
MIN_CONTAINER_TEXT = 60  # chars of body text a story container needs besides its headline


def parse_html(text: str) -> Any | None:
    """An lxml tree of the page, or None when nothing parses."""
    from trafilatura.utils import load_html

    try:
        return load_html(text)
    except Exception:  # lxml and trafilatura raise many kinds on broken input: no tree is the answer
        return None


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def text_lines(root: Any) -> list[str]:
    """Every visible text line of an element: blocks end lines, table cells are spaced."""
    parts: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _tag(element)
        if event == "start":
            if tag in SKIPPED_TAGS or not tag:
                skipping += 1
            elif not skipping:
                _open(parts, tag, element.text)
        else:
            if tag in SKIPPED_TAGS or not tag:
                skipping -= 1
            elif not skipping:
                parts.append("\n" if tag in BLOCK_TAGS else " " if tag in CELL_TAGS else "")
            if not skipping and element.tail and element is not root:
                parts.append(element.tail)
    return _split_lines("".join(parts))


def _open(parts: list[str], tag: str, text: str | None) -> None:
    if tag in BLOCK_TAGS:
        parts.append("\n")
    elif tag in CELL_TAGS:
        parts.append(" ")
    if text:
        parts.append(text)


def _split_lines(text: str) -> list[str]:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def meta_content(tree: Any, *names: str) -> str | None:
    """The first non-empty <meta property|name=...> content among names."""
    for name in names:
        for element in tree.iterfind(f".//meta[@property='{name}']"):
            if element.get("content", "").strip():
                return element.get("content").strip()
        for element in tree.iterfind(f".//meta[@name='{name}']"):
            if element.get("content", "").strip():
                return element.get("content").strip()
    return None


def _first_h1(tree: Any) -> str | None:
    for h1 in tree.iterfind(".//h1"):
        text = " ".join(" ".join(h1.itertext()).split())
        if text:
            return text
    return None


def headline_of(tree: Any) -> str | None:
    """The <h1> when og:title agrees with it, else og:title, else <title>, without the site's name.

    Agreement is checked before any suffix is cut, because news headlines use the same
    dashes as "Headline — Site" titles ("Китай — Кыргызстан — Узбекистан").
    """
    og = meta_content(tree, "og:title", "twitter:title")
    h1 = _first_h1(tree)
    if og and h1 and (og.startswith(h1) or h1.startswith(strip_site_suffix(og))):
        return h1
    if og:
        return strip_site_suffix(og)
    if h1:
        return h1
    title = tree.find(".//title")
    if title is not None and title.text:
        return strip_site_suffix(" ".join(title.text.split()))
    return None


def strip_site_suffix(title: str) -> str:
    """'Headline | Site' → 'Headline': drop the shortest trailing part after a separator."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title.strip()
    head, tail = " - ".join(parts[:-1]), parts[-1]
    if len(tail) < len(head) and len(tail.split()) <= 5:
        return title[: len(title) - len(tail)].rstrip(" |–—-·•:»").strip()
    return title.strip()


@dataclass(frozen=True)
class Container:
    """One story block of a front page or digest."""

    headline: str
    lines: tuple[str, ...]
    link: str | None = None


def story_containers(tree: Any, page_headline: str | None = None) -> list[Container]:
    """The innermost story-like containers (<article>, .story, .post ...) with a headline and body.

    Empty when one of them is headed by the page's own headline: that page is an article
    among teasers, not a digest (and its teasers need not be read).
    """
    candidates = [
        el for el in _CANDIDATES(tree)
        if _tag(el) == "article" or STORY_CONTAINER_CLASS.search(el.get("class", "") or "")
    ]
    if len(candidates) < 2:
        return []
    outer: set[Any] = set()
    for element in candidates:
        outer.update(element.iterancestors())
    headed = [(el, h) for el in candidates if el not in outer and (h := _heading_of(el)) is not None]
    own = _squeeze(page_headline or "").casefold()
    if len(headed) < 2 or any(_squeeze(" ".join(h.itertext())).casefold() == own for _, h in headed):
        return []
    found = (_container_of(element, heading) for element, heading in headed)
    return [c for c in found if c is not None]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _heading_of(element: Any) -> Any | None:
    heading = next(element.iter(*HEADING_TAGS), None)
    if heading is None:
        heading = next((h for h in element.iter() if HEADLINE_CLASS.search(h.get("class", "") or "")), None)
    return heading


def _container_of(element: Any, heading: Any) -> Container | None:
    headline = _squeeze(" ".join(heading.itertext()))
    lines = text_lines(element)
    if headline in lines:
        lines = lines[lines.index(headline) + 1 :]
    if not headline or sum(len(line) for line in lines) < MIN_CONTAINER_TEXT:
        return None
    link = next((a.get("href") for a in heading.iter("a") if a.get("href")), None)
    if link is None and _tag(heading.getparent()) == "a":
        link = heading.getparent().get("href")
    return Container(headline, tuple(lines), link)


def main_text(tree: Any, url: str | None) -> str | None:
    """trafilatura's main text of a parsed page (comments left out), or None."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    except Exception:  # trafilatura's failures are many and undocumented: treat as no text
        return None
    return doc.text if doc is not None and doc.text else None


def canonical_url(tree: Any) -> str | None:
    """<link rel="canonical"> or og:url, when absolute."""
    for link in tree.iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    og = meta_content(tree, "og:url")
    return og if og and og.startswith(("http://", "https://")) else None
