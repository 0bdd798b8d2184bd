"""HTML pages: parse once, then read every text line, the headline and the story containers.

One iterative walk (never recursive, so that pathological nesting cannot exhaust the
stack) gives the page's visible lines, its story-like elements and whether the parser
cut the page short. The main text comes from trafilatura (maintext.py), which works on
its own copy of this tree. The tree is bounded first (budget.py): hostile pages are cut
to their head before anything walks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from steppe.extract.budget import bound_elements, bound_markup, bound_tree
from steppe.extract.patterns import (
    BLOCK_TAGS,
    CELL_TAGS,
    HEADING_TAGS,
    HEADLINE_CLASS,
    SKIPPED_TAGS,
    STORY_CONTAINER_CLASS,
    TITLE_SEPARATORS,
)

# Runs of spaces, and any other horizontal white space; a lone space (the usual case) is left alone.
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\r\f\v]{2,}|[\t\u00a0\u2009\u202f\r\f\v]")
MIN_CONTAINER_TEXT = 60  # chars of body text a story container needs besides its headline
# libxml2's HTML parser stops at 256 levels of nesting and drops the rest of the page
# (unclosed <div> or <font> tags get there); a tree this deep was cut short.
PARSER_DEPTH_LIMIT = 256


def _html_parser() -> Any:
    """trafilatura's parser settings, with the element classes chosen in C.

    lxml.html's parser asks a Python function for the class of every element it hands
    out (form fields get their own classes); that lookup was 5% of the stage's time on
    the ScrapingHub and WCXB pages. Nothing here or in trafilatura needs those classes:
    every element is an HtmlElement, and copies of the tree keep the parser.
    """
    from lxml import html as lxml_html

    parser = etree.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    lookup = etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _html_parser()


def parse_html(text: str) -> Any | None:
    """An lxml tree of the page within the extraction budget (budget.py), or None when nothing parses.

    Parsed as trafilatura's load_html parses a string (same repairs, same rejection of
    markup without an <html> that parses to less than two blocks), with _PARSER.
    """
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    markup = bound_elements(bound_markup(text)[0])
    beginning = markup[:50].lower()
    markup = repair_faulty_html(markup, beginning)
    tree = None
    for attempt in (markup, markup.encode("utf-8", "surrogatepass")):
        try:
            tree = fromstring(attempt, parser=_PARSER)
        except Exception:  # lxml raises many kinds on broken input; bytes are the second try, as in trafilatura
            continue
        if tree is not None and len(tree) >= 1:
            break
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    bound_tree(tree, len(markup))
    return tree


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


@dataclass(slots=True)
class _Candidate:
    """A story-like element met in the walk, and where its text sits in the walk's parts."""

    element: Any
    start: int
    end: int = -1
    outer: bool = False  # holds another story-like element


_SEPARATOR: dict[str, str] = {tag: "\n" for tag in BLOCK_TAGS} | {tag: " " for tag in CELL_TAGS}


def _walk(root: Any, candidates: list[_Candidate] | None = None) -> tuple[list[str], int]:
    """The visible text of an element's tree as parts, and the tree's depth, in one iterative pass.

    Blocks end lines and table cells are spaced; scripts, styles and the <head> are
    skipped with their subtrees; comments show only their tail. Given a list, it also
    notes there the story-like elements (<article>, .story, .post ...) and their spans.
    This runs over every element of every page: it is written for speed (names bound
    locally, the common case first).
    """
    parts: list[str] = []
    append = parts.append
    separator, skipped, blocks = _SEPARATOR, SKIPPED_TAGS, BLOCK_TAGS
    opened: list[_Candidate] = []
    depth = deepest = 0
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
            tag = tag.lower() if isinstance(tag, str) else ""
            if tag in skipped:
                walker.skip_subtree()
                continue
            if candidates is not None and tag in blocks and _story_like(tag, element):
                for outer in opened:
                    outer.outer = True
                opened.append(_Candidate(element, len(parts)))
                candidates.append(opened[-1])
            if tag in separator:
                append(separator[tag])
            if element.text:
                append(element.text)
            continue
        if event == "end":
            depth -= 1
            tag = tag.lower() if isinstance(tag, str) else ""
            if tag in separator:
                append(separator[tag])
            if opened and opened[-1].element is element:
                opened.pop().end = len(parts)
        tail = element.tail
        if tail and element is not root:
            append(tail)
    return parts, deepest


def _story_like(tag: str, element: Any) -> bool:
    if tag == "article":
        return True
    css = element.get("class")
    if not css:
        return False
    lowered = css.lower()  # words every STORY_CONTAINER_CLASS match holds: a cheap test first
    hinted = "story" in lowered or "post" in lowered or "entry" in lowered or "teaser" in lowered or "item" in lowered
    return hinted and STORY_CONTAINER_CLASS.search(css) is not None


def text_lines(root: Any) -> list[str]:
    """Every visible text line of an element: blocks end lines, table cells are spaced."""
    return _split_lines("".join(_walk(root)[0]))


@dataclass
class PageText:
    """A page read in one walk: its visible lines, and where each innermost story-like element's text is."""

    lines: list[str]
    candidates: list[_Candidate]  # the story-like elements holding no other
    parts: list[str]  # the walk's text pieces, which the candidates' spans index
    cut_by_parser: bool = False  # nested as deep as the parser goes: what lay deeper is gone

    def lines_of(self, candidate: _Candidate) -> list[str]:
        """The visible lines of one story-like element."""
        return _split_lines("".join(self.parts[candidate.start : candidate.end]))


def read_page(root: Any) -> PageText:
    """Every visible line of a page, and its innermost story-like elements."""
    candidates: list[_Candidate] = []
    parts, depth = _walk(root, candidates)
    innermost = [c for c in candidates if not c.outer and c.end >= 0]
    return PageText(_split_lines("".join(parts)), innermost, parts, cut_by_parser=depth >= PARSER_DEPTH_LIMIT)


def _split_lines(text: str) -> list[str]:
    return [line for line in map(str.strip, _SPACES.sub(" ", text).split("\n")) if line]


def meta_content(tree: Any, *names: str) -> str | None:
    """The first non-empty <meta property|name=...> content among names."""
    for name in names:
        for attribute in ("property", "name"):
            for element in tree.iterfind(f".//meta[@{attribute}='{name}']"):
                content = str(element.get("content") or "").strip()
                if content:
                    return content
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


def story_containers(page: PageText, page_headline: str | None = None) -> list[Container]:
    """The innermost story-like containers (<article>, .story, .post ...) with a headline and body.

    Empty when one of them is headed by the page's own headline: that page is an article
    among teasers, not a digest (and its teasers need not be read).
    """
    if len(page.candidates) < 2:
        return []
    headed = [(c, h) for c in page.candidates if (h := _heading_of(c.element)) is not None]
    own = _squeeze(page_headline or "").casefold()
    if len(headed) < 2 or any(_squeeze(" ".join(h.itertext())).casefold() == own for _, h in headed):
        return []
    found = (_container_of(page.lines_of(candidate), heading) for candidate, heading in headed)
    return [c for c in found if c is not None]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _heading_of(element: Any) -> Any | None:
    heading = next(element.iter(*HEADING_TAGS), None)
    if heading is None:
        heading = next((h for h in element.iter() if HEADLINE_CLASS.search(h.get("class", "") or "")), None)
    return heading


def _container_of(lines: list[str], heading: Any) -> Container | None:
    headline = _squeeze(" ".join(heading.itertext()))
    if headline in lines:
        lines = lines[lines.index(headline) + 1 :]
    if not headline or sum(len(line) for line in lines) < MIN_CONTAINER_TEXT:
        return None
    link = next((a.get("href") for a in heading.iter("a") if a.get("href")), None)
    if link is None and _tag(heading.getparent()) == "a":
        link = heading.getparent().get("href")
    return Container(headline, tuple(lines), link)


def canonical_url(tree: Any) -> str | None:
    """<link rel="canonical"> or og:url, when absolute."""
    for link in tree.iterfind(".//link[@rel='canonical']"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    og = meta_content(tree, "og:url")
    return og if og and og.startswith(("http://", "https://")) else None
