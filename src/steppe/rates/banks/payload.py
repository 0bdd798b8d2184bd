"""Checks and readers shared by the bank parsers: safe XML, numbers, dates, alien payloads.

Every bank module reads its bytes through these helpers so that a maintenance page,
an empty answer or a broken number is rejected the same way everywhere: with a
``RatesPayloadError`` that says what was wrong, never as "no change".

A parser reads a payload into ``Row`` tuples (``parse_rows``); ``to_quotes`` makes them
Quotes. A backfill stores the rows as they are, without a Quote object for each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import TypeGuard, TypeVar

from lxml import etree

from steppe.errors import RatesPayloadError
from steppe.models import Quote, RateRow

# One published rate as a parser reads it: (base, quote, day, amount, nominal, change),
# ``nominal`` units of ``base`` worth ``amount`` of ``quote`` on ``day`` (the day it applies).
Row = RateRow

_Item = TypeVar("_Item")  # a Quote or a Row: require_quotes hands back what it was given

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# Over only these characters Decimal's grammar is exactly _NUMBER's ([+-] digits [. digits]),
# so a string made of them that Decimal reads is one _NUMBER accepts, with the same value.
_NUMBER_CHARS = "0123456789.+-"
# The codes is_code has accepted: every payload repeats the same few dozen (at most 26**3).
_CODES: set[str] = set()
# Raises on a malformed string whatever the caller's decimal context traps (else Decimal gives NaN).
_STRICT = Context(traps=[InvalidOperation])
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_PADDED = {
    "%d.%m.%Y": re.compile(r"(?P<d>[0-9]{2})\.(?P<m>[0-9]{2})\.(?P<y>[0-9]{4})"),
    "%Y-%m-%d": re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"),
}


def to_quotes(bank: str, rows: list[Row], provenance: str | None) -> list[Quote]:
    """A parser's rows as official Quotes of ``bank``, all read from ``provenance``."""
    return [
        Quote(bank, day, base, quote, amount, nominal, None, "official", provenance, change)
        for base, quote, day, amount, nominal, change in rows
    ]


def reject_alien(payload: bytes, bank: str) -> bytes:
    """Raise RatesPayloadError for an empty answer or an HTML page; return the stripped bytes."""
    if not isinstance(payload, (bytes, bytearray)):
        raise RatesPayloadError(f"{bank}: payload must be bytes, not {type(payload).__name__}")
    body = bytes(payload).strip()
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:].lstrip()
    if not body:
        raise RatesPayloadError(f"{bank}: empty answer (no bytes): not a rates payload")
    if looks_like_html(body):
        raise RatesPayloadError(f"{bank}: got an HTML page, not rates ({html_title(body)})")
    return body


def looks_like_html(body: bytes) -> bool:
    """True when the bytes open like an HTML document (a maintenance or error page)."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]


def html_title(body: bytes) -> str:
    """The <title> of an HTML page, for error messages; 'no title' when it has none."""
    found = _TITLE.search(body[:20000])
    if not found:
        return "no title"
    title = " ".join(found.group(1).decode("utf-8", "replace").split())
    return f"title {title[:80]!r}"


def parse_xml(body: bytes, bank: str) -> etree._Element:
    """Parse XML bytes safely (no entities, no network, no DTD) or raise RatesPayloadError.

    No byte search (UTF-16 or a long comment walks past one): the parser itself resolves no
    entity and loads nothing, and any document that carries a DTD is refused after the parse.
    """
    # remove_blank_text saves ~10 % of the parse. It drops only a whitespace-only run before
    # a tag that starts an element's content or follows a non-text child, never one after
    # text: every text the parsers read is stripped, so it reads the same either way.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=True
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.LxmlError, ValueError, LookupError, UnicodeError) as exc:
        raise RatesPayloadError(f"{bank}: malformed XML: {exc}") from exc
    if root is None:
        raise RatesPayloadError(f"{bank}: XML has no root element")
    if _has_dtd(root):
        raise RatesPayloadError(f"{bank}: XML declares a DTD (entities); refused")
    return root


def _has_dtd(root: etree._Element) -> bool:
    """True when the document has an internal or external DTD subset (a doctype line or not)."""
    tree = root.getroottree()
    info = tree.docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


def local(tag: object) -> str:
    """The local name of an element tag, without its namespace ('' for comments)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def child_text(element: etree._Element, name: str, *, fold: bool = False) -> str | None:
    """The stripped text of the first child named ``name`` (case-folded when asked)."""
    if not fold:
        found = element.find(name)  # lxml's C path, for the common un-namespaced payload
        if found is not None:
            return (found.text or "").strip()
    wanted = name.lower() if fold else name
    for child in element:
        tag = local(child.tag)
        if (tag.lower() if fold else tag) == wanted:
            return (child.text or "").strip()
    return None


def children_text(element: etree._Element) -> dict[str, str]:
    """Every child's stripped text by local name, in one pass (the hot path of the parsers).

    The same answer as ``child_text(element, name)`` for each name: the first child of
    that name, an un-namespaced one before a namespaced one.
    """
    plain: dict[str, str] = {}
    spaced: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            continue
        if tag[:1] == "{":
            spaced.setdefault(tag.rsplit("}", 1)[-1], (child.text or "").strip())
        elif tag not in plain:
            plain[tag] = (child.text or "").strip()
    if spaced:
        spaced.update(plain)
        return spaced
    return plain


def fields_text(element: etree._Element, names: frozenset[str]) -> dict[str, str]:
    """``children_text`` for only the children called ``names``: the same answers, found faster.

    Only the named children's text is read (the rest are skipped on their tag). When a
    name has no un-namespaced child it may have a namespaced one: ``children_text`` then
    answers, so that the result is always ``children_text``'s, restricted to ``names``.
    """
    found: dict[str, str] = {}
    for child in element:
        tag = child.tag
        if tag in names and tag not in found:
            text = child.text
            found[tag] = text.strip() if text else ""
    if len(found) < len(names):
        every = children_text(element)
        return {name: every[name] for name in names if name in every}
    return found


def elements(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    """The children whose local name is ``name``, in any namespace or none, in order."""
    return parent.iterchildren(f"{{*}}{name}")


def parse_decimal(text: str | None, what: str, *, comma: bool = False) -> Decimal:
    """Read a published number ('87,4500' with comma=True, '+1.80', '3') as a Decimal."""
    raw = (text or "").strip()
    if comma:
        raw = raw.replace(",", ".")
    if raw and not raw.strip(_NUMBER_CHARS):  # the common plain number, checked in one C call
        try:
            return Decimal(raw, _STRICT)
        except InvalidOperation:  # '1.2.3', '+-1': the check below names the bad value
            pass
    raw = raw.replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(raw):
        raise RatesPayloadError(f"bad number {text!r} for {what}")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise RatesPayloadError(f"bad number {text!r} for {what}") from exc


def parse_nominal(text: str | None, what: str) -> int:
    """Read a nominal ('1', '100', '10000'): a positive whole number."""
    nominal = _nominal((text or "").strip())
    if nominal is None:
        raise RatesPayloadError(f"bad nominal {text!r} for {what}")
    return nominal


@functools.lru_cache(maxsize=256)
def _nominal(raw: str) -> int | None:
    """Every row of every payload repeats a handful of nominals: remember the answers."""
    if not raw.isdigit() or not raw.isascii() or int(raw) <= 0:
        return None
    return int(raw)


def parse_day(text: str | None, formats: tuple[str, ...], what: str) -> date:
    """Read a date in one of ``formats`` (strptime patterns) or raise RatesPayloadError."""
    found = _day((text or "").strip(), formats)
    if found is None:
        raise RatesPayloadError(f"bad date {text!r} for {what}")
    return found


@functools.lru_cache(maxsize=4096)
def _day(raw: str, formats: tuple[str, ...]) -> date | None:
    """strptime is slow and a payload repeats one date on every row: remember the answers."""
    for fmt in formats:
        try:
            return _padded_day(raw, fmt) or datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def _padded_day(raw: str, fmt: str) -> date | None:
    """The common zero-padded DD.MM.YYYY or YYYY-MM-DD read without strptime (same answer, or ValueError)."""
    pattern = _PADDED.get(fmt)
    found = pattern.fullmatch(raw) if pattern else None
    if found is None:
        return None
    return date(int(found["y"]), int(found["m"]), int(found["d"]))


def is_code(text: str | None) -> TypeGuard[str]:
    """True for a three-capital-letter currency code."""
    if not isinstance(text, str):
        return False
    if text in _CODES:
        return True
    if len(text) == 3 and text.isascii() and text.isalpha() and text.isupper():
        _CODES.add(str(text))
        return True
    return False


def require_quotes(quotes: list[_Item], bank: str, what: str = "payload") -> list[_Item]:
    """Return the quotes, or raise RatesPayloadError when a payload gave none."""
    if not quotes:
        raise RatesPayloadError(f"{bank}: empty answer: the {what} holds no rates")
    return quotes
