"""List pages (home, section, tag and search pages): the main list of teasers, as links.

A list shows itself by repetition: links whose text reads like a headline, each sitting
at the same place in the same shape of markup (the same chain of tags and classes from
the page's root). Each such shape is a group; the group holding the most headline and
teaser text outside navigation, headers, footers and side boxes ("most read", "popular",
tickers, related links) is the main list. Headline groups in the same content block join
it, so a lead story marked up apart from the rest is not lost. Items come in page order.

Shop, course and catalogue pages show their items as cards whose titles are too short to
read as headlines, or whose only link is a "Learn more" button: for them the evidence is a
run of same-shaped sibling blocks each holding a link (block_groups), and an item's title is
the heading in its block, else its longest link text or image description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from steppe.extract.dates import as_published, parse_date_line, parse_iso_date
from steppe.extract.html import text_lines
from steppe.models import ListLink

HEADLINE_MIN_CHARS = 12
HEADLINE_MAX_CHARS = 250
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 40
MIN_GROUP = 3  # links of one shape that make a list
SHAPE_DEPTH = 4  # levels of markup above a link that make its shape (deeper, one list's sections would split)
TEASER_MIN_CHARS = 40
TEASER_SCORE_CAP = 300  # a long teaser counts no more than this: long items are stories, not teasers
JOIN_HEADLINE_SHARE = 0.6  # a group joins the main list when its headlines are this long, relatively
# Words of class and id names (and tags) that mark a box beside the main content.
BOX_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "megamenu",
        "footer",
        "sidebar",
        "aside",
        "widget",
        "widgets",
        "popular",
        "mostread",
        "most",
        "trending",
        "related",
        "ticker",
        "breaking",
        "breadcrumb",
        "breadcrumbs",
        "social",
        "share",
        "sharing",
        "pagination",
        "pager",
        "topbar",
        "masthead",
        "recommended",
        "promo",
        "sponsored",
        "banner",
        "comments",
    ]
)
BOX_TAGS = frozenset({"nav", "footer", "aside"})
_TOKEN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"[0-9]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP_HREF = ("#", "javascript:", "mailto:", "tel:")


@dataclass
class LinkGroup:
    """Headline-like links of one markup shape, with the elements that hold one each."""

    signature: tuple[str, ...]
    anchors: list[Any]
    items: list[Any] | None = None
    chars: int = 0  # headline and teaser characters the group holds (teasers capped)


@dataclass(frozen=True)
class ListItem:
    """One teaser of a list as found in the markup, before its URL is made absolute."""

    headline: str
    href: str
    teaser: str | None
    element: Any
    body_chars: int = 0  # characters of the item's text besides its headline
    lead: bool = False  # a headline in a heading beside the list, not one of its repeated shape


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def headline_text(anchor: Any) -> str | None:
    """The link's text when it reads like a headline (a few words to a sentence), else None."""
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(_SKIP_HREF):
        return None
    text = _squeeze("".join(anchor.itertext()))
    if len(text) < HEADLINE_MIN_CHARS:  # a card's overlay link names its story only in its label
        text = _squeeze(anchor.get("aria-label") or anchor.get("title") or "")
    if not HEADLINE_MIN_CHARS <= len(text) <= HEADLINE_MAX_CHARS:
        return None
    words = len(text.split())
    return text if HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS else None


def _shape(element: Any) -> str:
    """Tag and class words of an element (numbers dropped: "post-123" and "post-124" are one shape)."""
    return _shape_of(_tag(element), element.get("class") or "")


@lru_cache(maxsize=4096)
def _shape_of(tag: str, css: str) -> str:
    words = sorted({w for w in css.lower().split() if not _DIGIT.search(w)})
    return tag + "." + ".".join(words)


def is_box(element: Any) -> bool:
    """Whether an element is navigation, a header or footer, or a box beside the main content.

    A class or id names a box by its first or last word ("nav", "site-footer", "most-read",
    "nav-footer_links"); a word inside a longer name ("slider-nav-push", "sticky-footer_body")
    names something else.
    """
    if _tag(element) in BOX_TAGS:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('role') or ''}".lower()
    for name in names.split():
        words = _TOKEN.findall(name)
        if words and (words[0] in BOX_WORDS or words[-1] in BOX_WORDS):
            return True
    return False


def link_groups(tree: Any) -> list[LinkGroup]:
    """Every group of at least MIN_GROUP headline-like links sharing one markup shape, side boxes left out."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    groups: dict[tuple[str, ...], LinkGroup] = {}
    boxes: dict[Any, bool] = {}  # elements as keys: their ids would be reused once freed
    for anchor in root.iter("a"):
        if headline_text(anchor) is None:
            continue
        path: list[str] = []
        boxed = False
        for ancestor in anchor.iterancestors():
            if ancestor is root:
                break
            if len(path) < SHAPE_DEPTH:
                path.append(_shape(ancestor))
            if ancestor not in boxes:
                boxes[ancestor] = is_box(ancestor)
            boxed = boxed or boxes[ancestor]
        if not boxed:
            signature = tuple(path)
            groups.setdefault(signature, LinkGroup(signature, [])).anchors.append(anchor)
    found = [g for g in groups.values() if len(g.anchors) >= MIN_GROUP]
    for group in found:
        group.items = _item_elements(group.anchors)
        group.chars = sum(_item_chars(anchor, item) for anchor, item in zip(group.anchors, group.items, strict=True))
    return found


def _item_elements(anchors: list[Any]) -> list[Any]:
    """For each link, the largest element around it that holds no other link of its group."""
    counts: dict[Any, int] = {}
    for anchor in anchors:
        for ancestor in anchor.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    items = []
    for anchor in anchors:
        item = anchor
        for ancestor in anchor.iterancestors():
            if counts[ancestor] > 1:
                break
            item = ancestor
        items.append(item)
    return items


def _item_chars(anchor: Any, item: Any) -> int:
    headline = len(headline_text(anchor) or "")
    text = len(_squeeze("".join(item.itertext()))) if item is not anchor else headline
    return headline + min(max(text - headline, 0), TEASER_SCORE_CAP)


def main_group(groups: list[LinkGroup]) -> LinkGroup | None:
    """The group with the most headline and teaser text (side boxes were left out of every group), if any."""
    return max(groups, key=lambda g: g.chars, default=None)


def common_container(elements: list[Any]) -> Any | None:
    """The innermost element holding all of the given elements."""
    if not elements:
        return None
    chain = [elements[0], *elements[0].iterancestors()]
    inside = {id(e): i for i, e in enumerate(chain)}
    deepest = 0
    for element in elements[1:]:
        for ancestor in (element, *element.iterancestors()):
            if id(ancestor) in inside:
                deepest = max(deepest, inside[id(ancestor)])
                break
    return chain[deepest]


def main_list(groups: list[LinkGroup]) -> list[ListItem]:
    """The page's main list: the main group and the headline groups beside it in its block, in page order."""
    main = main_group(groups)
    if main is None:
        return []
    block = common_container(main.items or [])
    chosen = [main]
    mean = main.chars / len(main.anchors)
    for group in groups:
        if group is main or group.chars / len(group.anchors) < JOIN_HEADLINE_SHARE * mean:
            continue
        if block is not None and all(_inside(anchor, block) for anchor in group.anchors):
            chosen.append(group)
    grouped = [(a, i) for g in chosen for a, i in zip(g.anchors, g.items or [], strict=True)]
    pairs = list(grouped)
    region = block.getparent() if block is not None and block.getparent() is not None else block
    order: dict[Any, int] = {}
    if region is not None:
        pairs += _lead_stories(region, {a for a, _ in pairs})
        order = {e: n for n, e in enumerate(region.iter())}  # elements as keys stay alive: ids would be reused
    leads = {a for a, _ in pairs[len(grouped) :]}
    found: dict[str, ListItem] = {}
    pairs.sort(key=lambda pair: order.get(pair[0], 0))
    for anchor, item in pairs:
        href = anchor.get("href").strip()
        if href not in found:
            headline = headline_text(anchor) or ""
            body = len(_squeeze("".join(item.itertext()))) - len(headline) if item is not anchor else 0
            found[href] = ListItem(headline, href, _teaser(item, headline), item, max(body, 0), anchor in leads)
    return list(found.values())


def _lead_stories(region: Any, taken: set[Any]) -> list[tuple[Any, Any]]:
    """Headline links in headings beside the main list (a lead story marked up on its own), with their items."""
    found = []
    for heading in region.iter("h1", "h2", "h3", "h4"):
        for anchor in heading.iter("a"):
            if anchor in taken or headline_text(anchor) is None or any(is_box(a) for a in anchor.iterancestors()):
                continue
            parent = heading.getparent()
            found.append((anchor, parent if parent is not None and parent is not region else heading))
    return found


def _inside(element: Any, block: Any) -> bool:
    return any(ancestor is block for ancestor in element.iterancestors())


def _teaser(item: Any, headline: str) -> str | None:
    """The item's longest line of running text other than its headline, dates and labels."""
    if _tag(item) == "a":
        return None
    lines = [line for line in text_lines(item) if headline not in line and parse_date_line(line) is None]
    best = max(lines, key=len, default="")
    return best if len(best) >= TEASER_MIN_CHARS and len(best.split()) >= HEADLINE_MIN_WORDS else None


def _published(item: Any, fetched_at: datetime) -> datetime | None:
    """The date the item shows: a <time datetime> in it, else a line of it that is a date."""
    for element in item.iter("time"):
        day = parse_iso_date(element.get("datetime"))
        if day is not None:
            return as_published(day, fetched_at)
    for element in item.iter():  # each piece of text on its own: a date shares its line with the headline
        for text in (element.text, element.tail if element is not item else None):
            day = parse_date_line(text) if text and text.strip() else None
            if day is not None:
                return as_published(day, fetched_at)
    return None


def base_url(tree: Any, page_url: str) -> str:
    """The address the page's links are relative to: its <base href>, else its own URL."""
    base = tree.find(".//base[@href]")
    return urljoin(page_url, base.get("href").strip()) if base is not None else page_url


def list_links(items: list[ListItem], base: str, fetched_at: datetime) -> tuple[ListLink, ...]:
    """The main list as ListLinks: absolute URLs, teasers and dates where the page shows them."""
    links = []
    for item in items:
        url = urljoin(base, item.href)
        if url.startswith(("http://", "https://")):
            links.append(ListLink(item.headline, url, item.teaser, _published(item.element, fetched_at)))
    return tuple(links)


# Repeated blocks: the shape of a list when its items' titles are too short to read as headlines
# (shop and course cards, "Learn more" buttons): sibling elements of one shape, each holding a link.
MIN_BLOCKS = 4  # sibling blocks of one shape, each with a link, that make a grid or a list
MIN_BLOCKS_WITH_LINK = 0.8  # share of the siblings of that shape holding a link


@dataclass
class BlockGroup:
    """Sibling elements of one shape under one parent, each holding a link, with their text's size."""

    parent: Any
    members: list[Any]
    sizes: list[int]  # characters of text in each member

    @property
    def chars(self) -> int:
        return sum(self.sizes)


def _linked_elements(root: Any) -> set[Any]:
    """Every element holding a followable link (the links themselves included)."""
    linked: set[Any] = set()
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(_SKIP_HREF):
            continue
        element = anchor
        while element is not None and element not in linked:
            linked.add(element)
            element = element.getparent()
    return linked


def _text_size(element: Any) -> int:
    """Characters of visible text in an element (scripts and styles left out)."""
    size = sum(len(text.strip()) for text in element.itertext())
    hidden = sum(len(text.strip()) for e in element.iter("script", "style") for text in e.itertext())
    return size - hidden


def block_groups(tree: Any) -> list[BlockGroup]:
    """Every run of at least MIN_BLOCKS same-shaped sibling elements holding a link, side boxes left out."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    linked = _linked_elements(root)
    boxes: dict[Any, bool] = {}
    found = []
    for parent in root.iter():
        if parent not in linked or len(parent) < MIN_BLOCKS:
            continue
        shapes: dict[str, list[Any]] = {}
        for child in parent:
            if isinstance(child.tag, str):
                shapes.setdefault(_shape(child), []).append(child)
        for members in shapes.values():
            with_link = [m for m in members if m in linked]
            if len(with_link) < max(MIN_BLOCKS, MIN_BLOCKS_WITH_LINK * len(members)) or _boxed(parent, root, boxes):
                continue
            found.append(BlockGroup(parent, with_link, [_text_size(m) for m in with_link]))
    return found


def _boxed(element: Any, root: Any, boxes: dict[Any, bool]) -> bool:
    """Whether the element or one of its ancestors below the root is a box (answers remembered)."""
    chain = []
    boxed = False
    while element is not None and element is not root:
        if element in boxes:
            boxed = boxes[element]
            break
        chain.append(element)
        element = element.getparent()
    for element in reversed(chain):
        boxed = boxed or is_box(element)
        boxes[element] = boxed
    return boxed


def main_blocks(groups: list[BlockGroup]) -> BlockGroup | None:
    """The run of blocks holding the most text, if any."""
    return max(groups, key=lambda g: g.chars, default=None)


def block_items(group: BlockGroup) -> list[ListItem]:
    """The blocks as list items: each block's title (a heading in it, else its longest link text or
    image description) and the link that carries the title, else its first link."""
    items = []
    for block in group.members:
        anchors = [
            a
            for a in block.iter("a")
            if (a.get("href") or "").strip() and not a.get("href").strip().startswith(_SKIP_HREF)
        ]
        if _tag(block) == "a":
            anchors.insert(0, block)
        if not anchors:
            continue
        title, anchor = _block_title(block, anchors)
        if not title:
            continue
        text = len(_squeeze("".join(block.itertext())))
        href = anchor.get("href").strip()
        items.append(ListItem(title, href, _teaser(block, title), block, max(text - len(title), 0)))
    return items


def _block_title(block: Any, anchors: list[Any]) -> tuple[str, Any]:
    for heading in block.iter(*_HEADINGS):
        text = _squeeze("".join(heading.itertext()))
        if text:
            inner = next((a for a in heading.iter("a") if a in anchors), None)
            return text, inner if inner is not None else anchors[0]
    named = [
        (_squeeze("".join(a.itertext())) or _squeeze(a.get("aria-label") or a.get("title") or ""), a) for a in anchors
    ]
    text, anchor = max(named, key=lambda pair: len(pair[0]))
    if text:
        return text, anchor
    image = block.find(".//img[@alt]")
    return (_squeeze(image.get("alt")) if image is not None else ""), anchors[0]
