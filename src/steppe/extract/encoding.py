"""Bytes to text: size and binary guards, then the right character encoding.

The declared charset (HTTP header or <meta>) is honoured when it decodes cleanly and
reads at least as well as the alternatives; otherwise charset-normalizer decides.
Valid UTF-8 with non-ASCII bytes is taken as UTF-8 whatever the declaration says,
since legacy Cyrillic text is practically never valid UTF-8 by accident.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from steppe.extract.patterns import BINARY_SIGNATURES, ISO_MEDIA_TAG

MB = 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
# Control bytes that text never holds (tab, newlines, form feed and ESC excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13 and b != 27)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a page's bytes, and how."""

    text: str
    encoding: str


def size_rejection(body: bytes, max_bytes: int) -> str | None:
    """Why a body is refused on size alone (empty or over the cap), or None."""
    if not body or not body.strip():
        return "empty file"
    if len(body) > max_bytes:
        return f"page is {len(body) / MB:.1f} MB, over the {_format_mb(max_bytes)} limit"
    return None


def _format_mb(n: int) -> str:
    value = n / MB
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def sniff_binary(body: bytes) -> str | None:
    """Name the binary format of a body ("PNG image"), or None when it looks like text."""
    if any(body.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in BINARY_SIGNATURES:
        if body.startswith(magic):
            return name
    offset, tag, name = ISO_MEDIA_TAG
    if body[offset : offset + len(tag)] == tag:
        return name
    head = body[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head.count(0) > len(head) // 10 or controls > len(head) // 20:
        return "unknown binary data"
    return None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset the HTTP header, XML declaration or <meta> claims, if any."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            return _normal_codec(match.group(1))
    head = body[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _normal_codec(match.group(1).decode("ascii", "replace")) if match else None


def _normal_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode(body: bytes, content_type: str | None = None) -> Decoded | str:
    """Decode a page's bytes; return a Decoded, or a rejection reason."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _strict(body, codec) or "text with a byte-order mark that does not decode"
    utf8 = _strict(body, "utf-8")
    if utf8 is not None:
        return utf8
    declared = declared_charset(body, content_type)
    candidates = [c for c in (_strict(body, declared) if declared else None, _detected(body)) if c]
    if not candidates:
        return Decoded(body.decode("utf-8", errors="replace"), "utf-8 (with replacements)")
    # The declaration wins ties: it is the publisher's word.
    return max(candidates, key=lambda d: _readability(d.text))


def _strict(body: bytes, codec: str | None) -> Decoded | None:
    if not codec:
        return None
    try:
        return Decoded(body.decode(codec), codecs.lookup(codec).name)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(body: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[: 2 * MB]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(body.decode(best.encoding, errors="replace"), best.encoding)
    except LookupError:
        return None


def _readability(text: str) -> float:
    """Share of words cased like words ("слово", "Слово", "СЛОВО"), not like mojibake ("сЛОВО")."""
    words = _WORD.findall(text[:200_000])
    if not words:
        return 0.0
    good = sum(1 for w in words if w.islower() or w.isupper() or w.istitle())
    replacement = text.count("\ufffd")
    return good / len(words) - replacement / max(1, len(words))
