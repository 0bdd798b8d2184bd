"""Plain-text pages: tell text from markup, and split text into clean lines.

Also the per-page cleaning every page goes through, whatever its form: ticker lines
out (kept as quotes), known boilerplate lines out, blocks repeated inside the page
collapsed to their first copy, and the site's template blocks removed; and the marker
lines a reader skips between stories (a "Read more" link, a byline).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from steppe.extract.patterns import BOILERPLATE_LINE, MAX_BOILERPLATE_LINE
from steppe.extract.template import SiteTemplate, remove_template_lines
from steppe.extract.ticker import TickerItem, is_ticker_label, remembered_ticker_items

_TAG = re.compile(r"<\s*(html|head|body|div|p|article|br|span|a|table|h[1-6]|meta|title|!doctype)\b", re.IGNORECASE)
MIN_COLLAPSED_CHARS = 80
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[•·▪►▶◦*]|-(?=\s))\s*")
_BULLET_STARTS = tuple("•·▪►▶◦*-")
# Spaces to squeeze in a whole text before it is split into lines: not the characters
# (\r, \f, \v) that splitlines() breaks at. A lone space (the usual case) is left alone.
_TEXT_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}|[\t\u00a0\u2009\u202f]")
_HIDDEN_OPENING = re.compile(r"<\s*(script|style|noscript|template|svg|head)\b", re.IGNORECASE)
# [^<>] rather than [^>]: a stray "<" cannot make a match scan to the end of the page.
_LINE_BREAKING_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|br|li|h[1-6]|tr|td|th|table|ul|ol|dd|dt|pre|article|section|header|footer|main|nav"
    r"|aside|blockquote|figure|figcaption|title)\b[^<>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^<>]*>")


def looks_like_html(text: str, content_type: str) -> bool:
    """Whether the page is markup: by declared type, confirmed by tags near the start."""
    if "plain" in content_type.lower():
        return False
    return bool(_TAG.search(text[:65536]))


def markup_text(markup: str) -> str:
    """The text of HTML that the parser cannot read whole: hidden blocks and tags out, entities decoded.

    Runs in linear time whatever the markup: an unclosed <script> hides the rest of the page.
    """
    kept: list[str] = []
    position = 0
    while (opening := _HIDDEN_OPENING.search(markup, position)) is not None:
        kept.append(markup[position : opening.start()])
        closing = re.compile(rf"<\s*/\s*{opening.group(1)}\s*>", re.IGNORECASE).search(markup, opening.end())
        if closing is None:
            position = len(markup)
            break
        position = closing.end()
    kept.append(markup[position:])
    visible = _LINE_BREAKING_TAG.sub("\n", "".join(kept))
    return html.unescape(_ANY_TAG.sub("", visible))


def plain_lines(text: str) -> list[str]:
    """Non-empty lines of a text page, spaces squeezed and list bullets dropped."""
    lines = map(_unbulleted, _TEXT_SPACES.sub(" ", text).splitlines())
    return [line for line in lines if line]


def _unbulleted(line: str) -> str:
    bare = line.strip()
    return _BULLET.sub("", line).strip() if bare.startswith(_BULLET_STARTS) else bare


@dataclass
class Cleaned:
    """A page's lines after cleaning, and the ticker figures taken out of them."""

    lines: list[str]
    items: list[TickerItem] = field(default_factory=list)


def take_tickers(lines: list[str]) -> Cleaned:
    """Remove ticker lines (and the captions and table rules around them), keeping their figures."""
    found = [remembered_ticker_items(_BULLET.sub("", line)) if _DIGIT.search(line) else None for line in lines]
    items = [item for row in found if row for item in row]
    if not items:
        return Cleaned(list(lines))
    drop = [bool(row) for row in found]
    # Captions spread outwards from the ticker: "Курсы валют", then "| Валюта | Курс |", then "|---|".
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if not drop[i] and _next_to_dropped(drop, i) and is_ticker_label(lines[i]):
                drop[i] = True
    return Cleaned([line for line, gone in zip(lines, drop) if not gone], items)


def _next_to_dropped(drop: list[bool], i: int) -> bool:
    return (i > 0 and drop[i - 1]) or (i + 1 < len(drop) and drop[i + 1])


def collapse_repeats(lines: list[str]) -> list[str]:
    """Keep only the first copy of each paragraph the page repeats.

    Short lines may repeat for good reasons (the same question put to several people,
    a recipe's steps day after day); a repeated paragraph is a capture artefact.
    """
    seen: set[str] = set()
    kept = []
    for line in lines:
        if len(line) < MIN_COLLAPSED_CHARS:
            kept.append(line)
            continue
        key = " ".join(line.casefold().split())  # digits kept: two date lines are two dates
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def drop_boilerplate(lines: list[str]) -> list[str]:
    """The lines without the known boilerplate ones ("Читайте также: ...", "Нашли ошибку? ...")."""
    return [line for line in lines if len(line) > MAX_BOILERPLATE_LINE or not BOILERPLATE_LINE.match(line)]


def clean_lines(lines: list[str], template: SiteTemplate | None) -> Cleaned:
    """Tickers out, boilerplate lines out, in-page repeats collapsed, template blocks removed."""
    cleaned = take_tickers(lines)
    cleaned.lines = remove_template_lines(collapse_repeats(drop_boilerplate(cleaned.lines)), template)
    return cleaned


# --- marker lines: what a reader skips between stories ----------------------------------------
# A call to read on, in the languages of the region: a short line of its own, maybe with an arrow.
_READ_MORE = re.compile(
    r"^[\s>»›→…|-]*(?:read (?:more|on|the full (?:story|article))|continue reading|full story|more\b"
    r"|подробнее|читать (?:далее|дальше|полностью|ещё|еще)|далее|толығырақ|толук(?: окуу)?|batafsil"
    r"|to['ʻ‘’]?liq o['ʻ‘’]?qish|муфассал|batafsil o['ʻ‘’]?qish|кененирээк|doly okaň|giňişleýin)"
    r"[\s.:…»›→>)\]-]*$",
    re.IGNORECASE,
)
MAX_READ_MORE_CHARS = 40
# "By X", "Author: X", "Автор: X", "Текст: X", "Reporting by X": a credit line, not text.
_CREDIT = re.compile(
    r"^(?:by|written by|reporting by|author|authors|автор|авторы|текст|автор материала|муаллиф|авторы?)\b[:\s]",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҚҒҲ][a-zа-яёәғқңөұүһіўқғҳʻ'’-]+\.?$")
_NAME_JOINERS = frozenset(["and", "и", "&", "va", "мен", "жана", "ва"])
MAX_CREDIT_WORDS = 10
_LOWER_WORD = re.compile(r"[^\W\d_]+")


def is_read_more(line: str) -> bool:
    """A line that only asks the reader to read on ("Read more »", "Подробнее", "Batafsil")."""
    return len(line) <= MAX_READ_MORE_CHARS and bool(_READ_MORE.match(line.strip()))


def is_credit(line: str) -> bool:
    """A byline introduced as one ("By Anna Li", "Автор: Анна Ли")."""
    return len(line.split()) <= MAX_CREDIT_WORDS and bool(_CREDIT.match(line.strip()))


def lower_words(lines: list[str]) -> frozenset[str]:
    """The words a page writes in lower case: names are never among them."""
    return frozenset(w for line in lines for w in _LOWER_WORD.findall(line) if w.islower())


def is_name_line(line: str, common: frozenset[str] = frozenset()) -> bool:
    """A line that is only people's names, maybe with their role ("Anna Li, staff reporter").

    Only read as a byline where one stands: right under a headline. A word the page also writes
    in lower case (common, from `lower_words`) is no name: "Quick Summary", "Original Paper".
    """
    names, _, role = line.strip().partition(",")
    words = names.split()
    if not 2 <= len(words) <= 7 or len(role.split()) > 4 or (role and role.strip() != role.strip().lower()):
        return False
    groups, size = [], 0
    for word in words:
        if word.lower() in _NAME_JOINERS:
            groups.append(size)
            size = 0
        elif _NAME_WORD.match(word) and word.rstrip(".").lower() not in common:
            size += 1
        else:
            return False
    groups.append(size)
    return all(2 <= g <= 3 for g in groups)
