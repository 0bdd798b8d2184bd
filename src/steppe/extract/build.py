"""From decoded text to an Extraction: the HTML and plain-text routes, and story assembly.

An HTML page's kind is decided first (kind.py): a list page yields its main list as links
(listing.py) and no story. Otherwise both routes end the same way: cleaned lines (tickers
out, repeats collapsed, template blocks gone) cut into segments, each segment a Story with
its own date and language; one segment is an article, several a digest. A page with
neither a story nor a list is of kind ``other`` and rejected with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin

from steppe.extract import html as html_route
from steppe.extract.dates import as_published, htmldate_of
from steppe.extract.kind import holds_an_article, is_block_list, is_headline_list, is_list, measure
from steppe.extract.listing import base_url, block_groups, block_items, link_groups, list_links, main_blocks, main_list
from steppe.extract.maintext import is_cyrillic, main_text
from steppe.extract.segment import Segment, segment_lines
from steppe.extract.template import SiteTemplate
from steppe.extract.text import clean_lines, plain_lines, take_tickers
from steppe.extract.ticker import TickerItem, may_hold_ticker, quotes_from
from steppe.models import Extraction, ListLink, Page, Story
from steppe.text.language import detect_language

NO_TEXT = "no article text found"
NO_LINKS = "list page without links"
# Headings inside an HTML article look like digest headlines: only a date line above one splits it.
HTML_BREAK_THRESHOLD = 100
MIN_DIGEST_COVERAGE = 0.6  # share of the main text the story containers must hold
MAX_CONTAINER_SHARE = 0.8  # one container holding more than this is the article itself
MIN_STORY_SHARE = 0.05  # containers below this share are teasers around an article


@dataclass
class Draft:
    """What a route found on a page, before it becomes an Extraction."""

    title: str | None = None
    day: date | None = None
    canonical: str | None = None
    segments: list[Segment] = field(default_factory=list)
    items: list[TickerItem] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    kind: str | None = None  # decided before the stories when the page is a list or a digest
    list_links: tuple[ListLink, ...] = ()


def draft_text(text: str, template: SiteTemplate | None) -> Draft:
    """A plain-text page (or a page dump): lines, tickers, segments."""
    cleaned = clean_lines(plain_lines(text), template)
    segments = segment_lines(cleaned.lines)
    title = segments[0].headline if segments else None
    day = next((s.day for s in segments if s.day), None)
    return Draft(title=title, day=day, segments=segments, items=cleaned.items)


def draft_html(text: str, page: Page, template: SiteTemplate | None) -> Draft | None:
    """An HTML page: digest containers or trafilatura's main text; None when the parser cannot read it whole."""
    tree = html_route.parse_html(text)
    if tree is None:
        return None
    read = html_route.read_page(tree)
    if read.cut_by_parser:
        return None
    draft = Draft(title=html_route.headline_of(tree), canonical=html_route.canonical_url(tree))
    draft.day = htmldate_of(tree, page.fetched_at)
    if may_hold_ticker("\n".join(read.lines)):
        draft.items = take_tickers(read.lines).items
    items = main_list(link_groups(tree))
    blocks = main_blocks(block_groups(tree))
    features = measure(tree, items, read.lines, blocks)
    main = main_text(tree, page.url, read.lines, precision=is_cyrillic(read.lines))
    main_lines = plain_lines(main) if main else _fallback_lines(read.lines)
    if blocks is not None and not is_headline_list(features) and is_block_list(features):
        items = block_items(blocks)  # cards whose titles do not read as headlines
    if is_list(features) and not holds_an_article(tree, main_lines, items):
        draft.kind = "list"
        draft.list_links = list_links(items, base_url(tree, page.url), page.fetched_at)
        return draft
    containers = html_route.story_containers(read, draft.title)
    if _is_digest(containers, main_lines, draft.title):
        draft.kind = "digest"
        return _digest_draft(draft, containers, page, template)
    cleaned = clean_lines(main_lines, template)
    draft.segments = _with_page_headline(segment_lines(cleaned.lines, HTML_BREAK_THRESHOLD), draft.title)
    draft.items += cleaned.items
    return draft


def _fallback_lines(lines: list[str]) -> list[str]:
    """When trafilatura finds nothing: the page's running-text lines, if any."""
    return [line for line in lines if len(line) >= 80]


def _is_digest(containers: list[html_route.Container], main_lines: list[str], headline: str | None) -> bool:
    """Several story containers, none of them the page's own article, hold the main text."""
    if len(containers) < 2:
        return False
    if headline and any(_same(c.headline, headline) for c in containers):
        return False  # the page's headline heads one container: an article among teasers
    sizes = [sum(len(line) for line in c.lines) for c in containers]
    total = sum(sizes)
    if max(sizes) > MAX_CONTAINER_SHARE * total or sum(s >= MIN_STORY_SHARE * total for s in sizes) < 2:
        return False
    main_chars = sum(len(line) for line in main_lines)
    held = {line for c in containers for line in c.lines} | {c.headline for c in containers}
    covered = sum(len(line) for line in main_lines if line in held)
    return main_chars == 0 or covered >= MIN_DIGEST_COVERAGE * main_chars


def _digest_draft(draft: Draft, containers: list[Any], page: Page, template: SiteTemplate | None) -> Draft:
    for container in containers:
        cleaned = clean_lines(list(container.lines), template)
        draft.items += cleaned.items
        if cleaned.lines:
            draft.segments.append(Segment(headline=container.headline, lines=cleaned.lines))
            draft.links.append(urljoin(page.url, container.link) if container.link else None)
    draft.canonical = None
    return draft


def _with_page_headline(segments: list[Segment], headline: str | None) -> list[Segment]:
    """An HTML page's first story is headed by the page's own headline."""
    if not segments or not headline:
        return segments
    first = segments[0]
    _drop_repeated_headline(first.lines, headline)
    if first.headline and _same(first.headline, headline):
        return segments
    if first.headline:
        first.lines.insert(0, first.headline)
    first.headline = headline
    return segments


KICKER_MAX_WORDS = 4


def _drop_repeated_headline(lines: list[str], headline: str) -> None:
    """trafilatura repeats the <h1> near the top of the text, often after a kicker ("Energy"): drop both."""
    for index, line in enumerate(lines[:3]):
        if _same(line, headline):
            del lines[: index + 1]
            return
        if len(line.split()) > KICKER_MAX_WORDS:
            return


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def assemble(draft: Draft, page: Page) -> Extraction:
    """Stories and quotes from a draft; a page with no story text is rejected."""
    stories = []
    for position, segment in enumerate(s for s in draft.segments if s.lines):
        stories.append(_story(segment, position, draft, page))
    day = draft.day or next((s.day for s in draft.segments if s.day), None)
    published = as_published(day, page.fetched_at)
    quote_day = (published or page.fetched_at).date()
    rates = quotes_from(draft.items, page.site or page.url, quote_day, page.url)
    if draft.kind == "list":
        return Extraction(
            url=page.url,
            title=draft.title,
            published=published,
            language=detect_language("\n".join(link.headline for link in draft.list_links[:20])),
            rates=rates,
            rejected=None if draft.list_links else NO_LINKS,
            kind="list",
            links=draft.list_links,
        )
    return Extraction(
        url=page.url,
        title=draft.title or (stories[0].headline if stories else None),
        published=published,
        language=_page_language(stories),
        stories=tuple(stories),
        rates=rates,
        rejected=None if stories else NO_TEXT,
        kind=_story_kind(draft, stories),
    )


def _story_kind(draft: Draft, stories: list[Story]) -> str:
    """article (one story), digest (several), other (none: an empty shell, a page we cannot read)."""
    if not stories:
        return "other"
    return "digest" if draft.kind == "digest" or len(stories) > 1 else "article"


def _page_language(stories: list[Story]) -> str | None:
    """The language most of the page's text is in."""
    if len(stories) == 1:
        return stories[0].language
    weight: dict[str, int] = {}
    for story in stories:
        if story.language:
            weight[story.language] = weight.get(story.language, 0) + len(story.text)
    return max(weight, key=weight.__getitem__) if weight else None


def _story(segment: Segment, position: int, draft: Draft, page: Page) -> Story:
    text = "\n".join(segment.lines)
    headline = segment.headline or draft.title or _first_sentence(text)
    link = draft.links[position] if position < len(draft.links) else None
    single = len(draft.segments) == 1
    return Story(
        url=page.url,
        site=page.site,
        headline=headline,
        text=text,
        canonical_url=link or (draft.canonical if single else None),
        published=as_published(segment.day or draft.day, page.fetched_at),
        language=detect_language(headline + "\n" + text),
        position=position,
        page_hash=page.body_hash,
    )


def _first_sentence(text: str, limit: int = 120) -> str:
    first = text.split("\n", 1)[0]
    cut = min((i for i in (first.find(". "), first.find("! "), first.find("? ")) if i > 0), default=len(first))
    return first[: min(cut + 1, limit)].strip()
