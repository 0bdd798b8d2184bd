"""What a page is — an article, a digest, a list of teasers or something else — from evidence on it.

The evidence is measured into ``KindFeatures`` (kept apart from the decision so that it
can be tested and calibrated: bench/pagekinds.py prints the features' confusion table on
real typed pages): the main list's items, the share of the page's text they hold, the
running text outside them, and how much of the list's block is link text; and the same for
the page's main run of repeated blocks each holding a link (cards, grid cells). No URL pattern
of any site is consulted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median
from typing import Any

from steppe.extract.html import text_lines
from steppe.extract.listing import BlockGroup, ListItem, common_container

# Chosen on the even file ids of the WCXB dev pages and the even-numbered ScrapingHub articles (bench/pagekinds.py): at most 1.5 % of
# articles called list, as many listing and collection pages called list as that allows.
MIN_LIST_ITEMS = 5  # fewer headline links than this is a box of teasers, not a list page
MIN_LIST_SHARE = 0.05  # share of the page's text the main list must hold
MIN_LIST_CHARS = 300  # headline and teaser characters a list holds at the least (a few bylines are not one)
MAX_LONG_LINE_RATIO = 1.0  # running text outside the list per character of list text: above, an article ...
MAX_LONG_LINE_CHARS = 1000  # ... unless there is this little of it (an intro, a cookie notice)
MAX_ITEM_BODY = 400  # items whose median text besides the headline is longer are stories: a digest
MIN_LINK_DENSITY = 0.3  # a short list (under SURE_LIST_ITEMS) must be mostly links, else it is a digest's stories
SURE_LIST_ITEMS = 7
LONG_LINE_CHARS = 100  # a page line this long is running text
MIN_ARTICLE_CHARS = 4000  # running text of its own in a list page's main text that makes it an article ...
MIN_ARTICLE_SHARE = 1.0  # ... when it also outweighs the list's own text
MIN_HEADLINE_WORDS = 6  # an <h1> this long is a story's headline (a list's names a section, a tag, a search) ...
MIN_HEADED_ARTICLE_CHARS = 300  # ... and over this much running text of its own, the page is an article
# A grid or list of repeated blocks (cards whose titles are too short for headlines, "Learn more" buttons):
MIN_BLOCKS = 7  # blocks of one shape, each with a link (six short stories with links are a digest)
MIN_BLOCK_SHARE = 0.05  # share of the page's text they hold
MIN_BLOCK_CHARS = 1000  # text they hold at the least (rows of menu links and icons hold less)
MAX_BLOCK_BODY = 700  # median characters of a block: longer blocks are posts or stories
MAX_BLOCK_OUTSIDE_RATIO = 2.0  # running text outside the blocks per character of theirs: above, an article ...
MAX_BLOCK_OUTSIDE_CHARS = 2000  # ... unless there is this little of it


@dataclass(frozen=True)
class KindFeatures:
    """The measurements a page's kind is decided on."""

    items: int  # headline links in the main list
    list_chars: int  # characters of the main list's headlines and teasers
    page_chars: int  # characters of the page's visible text
    link_density: float  # share of the main list's block text that is link text
    long_lines: int  # characters of the page's long lines (running text, whatever its markup) outside the list
    item_body: int  # median characters of an item's text besides its headline (a teaser's, or a story's)
    blocks: int = 0  # blocks in the page's main run of same-shaped sibling blocks holding a link
    block_chars: int = 0  # characters of text in those blocks
    block_body: int = 0  # median characters of a block
    block_outside: int = 0  # characters of the page's long lines (running text) outside the blocks

    @property
    def list_share(self) -> float:
        """Share of the page's text held by the main list."""
        return self.list_chars / self.page_chars if self.page_chars else 0.0

    @property
    def block_share(self) -> float:
        """Share of the page's text held by the main run of blocks."""
        return self.block_chars / self.page_chars if self.page_chars else 0.0

    @property
    def long_line_ratio(self) -> float:
        """Running text outside the list per character of list text."""
        return self.long_lines / self.list_chars if self.list_chars else float("inf")


def measure(tree: Any, items: list[ListItem], page_lines: list[str], blocks: BlockGroup | None = None) -> KindFeatures:
    """The kind features of a parsed page whose main list (possibly empty) is ``items``, main run of blocks ``blocks``."""
    items = [item for item in items if not item.lead]  # the evidence is what repeats
    list_chars = sum(len(item.headline) + len(item.teaser or "") for item in items)
    block = common_container([item.element for item in items])
    features = KindFeatures(
        items=len(items),
        list_chars=list_chars,
        page_chars=sum(len(line) for line in page_lines),
        long_lines=_long_line_chars(page_lines, items),
        link_density=_link_density(block) if block is not None else 0.0,
        item_body=int(median(item.body_chars for item in items)) if items else 0,
    )
    return _with_blocks(features, blocks, page_lines) if blocks is not None else features


def _with_blocks(features: KindFeatures, blocks: BlockGroup, page_lines: list[str]) -> KindFeatures:
    inside = {line for member in blocks.members for line in text_lines(member)}
    return replace(
        features,
        blocks=len(blocks.members),
        block_chars=blocks.chars,
        block_body=int(median(blocks.sizes)),
        block_outside=sum(len(line) for line in page_lines if len(line) >= LONG_LINE_CHARS and line not in inside),
    )


def is_list(features: KindFeatures) -> bool:
    """Whether the page is a list of teasers linking elsewhere (of headlines, or of repeated blocks)."""
    return is_headline_list(features) or is_block_list(features)


def is_block_list(features: KindFeatures) -> bool:
    """Whether the page is a grid or list of repeated cards, each with a link, and little running text besides."""
    return (
        features.blocks >= MIN_BLOCKS
        and features.block_share >= MIN_BLOCK_SHARE
        and features.block_chars >= MIN_BLOCK_CHARS
        and features.block_body <= MAX_BLOCK_BODY
        and features.block_outside <= max(MAX_BLOCK_OUTSIDE_CHARS, MAX_BLOCK_OUTSIDE_RATIO * features.block_chars)
    )


def is_headline_list(features: KindFeatures) -> bool:
    """Whether the page is a list of headline links with short teasers."""
    little_prose = features.long_lines <= MAX_LONG_LINE_CHARS
    return (
        features.items >= MIN_LIST_ITEMS
        and features.list_share >= MIN_LIST_SHARE
        and features.list_chars >= MIN_LIST_CHARS
        and features.item_body <= MAX_ITEM_BODY
        and (little_prose or features.long_line_ratio <= MAX_LONG_LINE_RATIO)
        and (features.items >= SURE_LIST_ITEMS or features.link_density >= MIN_LINK_DENSITY)
    )


def holds_an_article(tree: Any, main_lines: list[str], items: list[ListItem]) -> bool:
    """Whether a page's main text holds running text of its own beside the list: an article among teasers.

    Asked only of pages ``is_list`` accepts (it needs the main text, the costly part): a list
    page's main text is its teasers, or little else, and its <h1> names a section, a tag or a
    search, not a story. A page headed by a sentence-long <h1> over text of its own is an article.
    """
    listed = {item.headline for item in items} | {item.teaser for item in items if item.teaser}
    own = sum(len(line) for line in main_lines if len(line) >= LONG_LINE_CHARS and line not in listed)
    list_chars = sum(len(item.headline) + len(item.teaser or "") for item in items if not item.lead)
    if own >= MIN_ARTICLE_CHARS and own >= MIN_ARTICLE_SHARE * list_chars:
        return True
    return own >= MIN_HEADED_ARTICLE_CHARS and _h1_words(tree) >= MIN_HEADLINE_WORDS


def _h1_words(tree: Any) -> int:
    for h1 in tree.iterfind(".//h1"):
        words = len("".join(h1.itertext()).split())
        if words:
            return words
    return 0


def _long_line_chars(page_lines: list[str], items: list[ListItem]) -> int:
    """Characters of the page's lines long enough to be running text, besides the list's headlines and teasers.

    Only those: an item holding more (a link inside a paragraph, whose item is the paragraph)
    leaves its running text counted as running text.
    """
    listed = {item.headline for item in items} | {item.teaser for item in items if item.teaser}
    return sum(len(line) for line in page_lines if len(line) >= LONG_LINE_CHARS and line not in listed)


def _link_density(block: Any) -> float:
    text = len(" ".join("".join(block.itertext()).split()))
    linked = sum(len(" ".join("".join(a.itertext()).split())) for a in block.iter("a"))
    return linked / text if text else 0.0
