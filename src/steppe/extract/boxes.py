"""Side boxes inside an article block, dropped before trafilatura reads the page.

News sites, Russian-language ones most of all, put into the article element things
that are not the article: "Читайте также" / "Read also" boxes, related-news feeds with
teaser text, tag clouds, share bars, subscription calls, photo captions and bylines.
trafilatura's own rules know the common English class names; these rules read what a
box is from its structure, in any language:

* a box named for what it is: a class or id word among BOX_WORDS ("related", "also",
  "incut", "tags", "share", "subscribe", "caption", "byline" ...);
* a box announced by its first words (READ_ALSO: "Читайте также", "По теме", "Read also"
  ...) that is mostly links, or a heading so announced and the link list after it;
* a table row made of links (menus and logo bars of old table layouts).

(A third rule, feeds of three or more same-shaped blocks each led by a headline link, cost
1.6 F1 points on the ScrapingHub pages and gained nothing on the Russian set: left out.)

A box is dropped only when it holds less than MAX_BOX_SHARE of the page's text and no
<h1>: a whole article never goes.
"""

from __future__ import annotations

import re
from typing import Any

BOX_WORDS = frozenset(
    [
        "related",
        "also",
        "readalso",
        "readmore",
        "seealso",
        "incut",
        "inject",
        "vrezka",
        "teaser",
        "teasers",
        "more-news",
        "morenews",
        "tags",
        "tag-list",
        "taglist",
        "tagcloud",
        "share",
        "sharing",
        "social",
        "subscribe",
        "subscription",
        "promo",
        "banner",
        "advert",
        "adv",
        "caption",
        "figcaption",
        "photo-caption",
        "byline",
        "author-info",
        "comments-count",
        "counter",
        "views",
        "poll",
        "breadcrumbs",
        "breadcrumb",
    ]
)
_WORD_SPLIT = re.compile(r"[\s_]+|(?<=[a-z])-(?=[a-z])|__")
READ_ALSO = re.compile(
    r"^\s*(?:читайте\s+(?:также|ещё|еще|по\s+теме)|смотрите\s+также|см\.\s+также|по\s+теме|"
    r"(?:материалы|новости|ещё|еще)\s+по\s+теме|похожие\s+(?:новости|материалы)|другие\s+новости|"
    r"самое\s+(?:читаемое|популярное)|популярное|read\s+(?:also|more)|see\s+also|related(?:\s+\w+)?|"
    r"more\s+(?:on\s+this|news))\b",
    re.IGNORECASE,
)
MAX_BOX_SHARE = 0.3
MIN_LINK_SHARE = 0.5  # share of an announced box's text in links
MIN_ROW_LINK_SHARE = 0.7
BOX_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "p", "figure", "figcaption", "table", "span", "nav"})
_LOWER = "translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_NAMED_CANDIDATES = (
    "//body//*[@class or @id]["
    + " or ".join(f"self::{tag}" for tag in sorted(BOX_TAGS))
    + "]["
    + " or ".join(f"contains({_LOWER}, '{word}')" for word in sorted(BOX_WORDS))
    + "]"
)
# First words of READ_ALSO, to narrow in C the text nodes the regex then reads.
_MARKER_STARTS = [
    "читайте",
    "смотрите",
    "см.",
    "по",
    "материалы",
    "новости",
    "ещё",
    "еще",
    "похожие",
    "другие",
    "самое",
    "популярное",
    "read",
    "see",
    "related",
    "more",
]
_MARKER_TEXT = (
    "//body//text()[string-length() < 200]["
    + " or ".join(
        f"starts-with(normalize-space(), '{variant}')"
        for start in _MARKER_STARTS
        for variant in {start, start.capitalize(), start.upper()}
    )
    + "]"
)
ANNOUNCING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "strong", "b"})
ANNOUNCED_TAGS = frozenset({"div", "section", "aside", "p", "ul", "ol"})
MAX_ANNOUNCEMENT_CHARS = 60
MAX_BOX_LEVELS = 3


def drop_side_boxes(tree: Any, page_chars: int) -> int:
    """Drop the side boxes of a parsed page in place (page_chars: its visible text); how many went."""
    if not page_chars:
        return 0
    doomed = _named_boxes(tree) + _announced_boxes(tree) + _link_rows(tree)
    root = tree.getroottree().getroot()
    dropped = 0
    for element in doomed:
        if _detached(element, root) or not _small(element, page_chars):
            continue
        element.drop_tree()
        dropped += 1
    return dropped


def _detached(element: Any, root: Any) -> bool:
    """An element no longer in the page (inside a box dropped before)."""
    return not any(ancestor is root for ancestor in element.iterancestors())


def _small(element: Any, page_chars: int) -> bool:
    chars = element.xpath("string-length(normalize-space(.))")  # in C; a script inside only makes it bigger
    return chars < MAX_BOX_SHARE * page_chars and next(element.iter("h1"), None) is None


def _words(value: str) -> set[str]:
    lowered = value.lower()
    return set(_WORD_SPLIT.split(lowered)) | set(lowered.split())


def _named_boxes(tree: Any) -> list[Any]:
    found = []
    for element in tree.xpath(_NAMED_CANDIDATES):  # narrowed in C to names holding a box word
        if _words(f"{element.get('class', '')} {element.get('id', '')}") & BOX_WORDS:
            found.append(element)
    return found


def _announced_boxes(tree: Any) -> list[Any]:
    """Boxes whose first words announce them, found from their text nodes (no walk over every block)."""
    found = []
    for node in tree.xpath(_MARKER_TEXT):
        if not READ_ALSO.match(node):
            continue
        element = node.getparent()
        heading = _announcing_heading(element)
        if heading is not None:
            following = heading.getnext()
            if following is not None and _link_share(following) >= MIN_LINK_SHARE:
                found += [heading, following]
            continue
        box = _announced_box(element)
        if box is not None:
            found.append(box)
    return found


def _announcing_heading(element: Any) -> Any | None:
    """The short heading (or bold lead-in) a marker text sits in, if it is one."""
    for candidate in (element, element.getparent()):
        if candidate is None or candidate.tag not in ANNOUNCING_TAGS:
            continue
        if len(candidate.text_content().strip()) <= MAX_ANNOUNCEMENT_CHARS and candidate.getnext() is not None:
            return candidate
    return None


def _announced_box(element: Any) -> Any | None:
    """The nearest block around a marker text that opens with it and is mostly links."""
    for _ in range(MAX_BOX_LEVELS):
        if element is None:
            return None
        if element.tag in ANNOUNCED_TAGS and READ_ALSO.match(element.text_content()):
            return element if _link_share(element) >= MIN_LINK_SHARE else None
        element = element.getparent()
    return None


def _link_share(element: Any) -> float:
    text = "".join(element.text_content().split())
    links = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return links / len(text) if text else 0.0


def _link_rows(tree: Any) -> list[Any]:
    """Rows of layout tables made of links (a menu or a logo bar in an old table layout)."""
    return [row for row in tree.xpath("//body//tr[count(.//a) >= 2]") if _link_share(row) >= MIN_ROW_LINK_SHARE]
