"""Feed bytes as UTF-8, whatever charset the server or the document claimed.

feedparser trusts the XML declaration and, failing it, guesses windows-1252, which
turns a windows-1251 or KOI8-R feed into mojibake. Here valid UTF-8 is kept as is,
a declared charset (XML declaration, then the HTTP header) is used when it decodes,
and charset-normalizer decides the rest; the declaration is rewritten to match.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_XML_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9_.:-]+)([\"'])")
_WORD = re.compile(r"[^\W\d_]{3,}")
LEGACY_CODECS = ("cp1251", "koi8_r")  # what Cyrillic feeds of the region use when not UTF-8
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _readability(text: str) -> float:
    """Share of words cased like words ("слово", "Слово"), not like mojibake ("Ќациональный", "сЛОВО")."""
    words = _WORD.findall(text[:200_000])
    if not words:
        return 0.0
    return sum(1 for w in words if (w.islower() or w.isupper() or w.istitle()) and _one_script(w)) / len(words)


def _one_script(word: str) -> bool:
    """False for words mixing Latin and Cyrillic letters ("cafй"): a wrong codec's tell."""
    latin = any("a" <= ch.lower() <= "z" for ch in word)
    cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
    return not (latin and cyrillic)


def _best_guess(body: bytes) -> str:
    """Undeclared legacy bytes: charset-normalizer's pick against the region's usual codecs."""
    best = from_bytes(body[:2_000_000]).best()
    candidates = [t for t in (_decodes(body, c) for c in LEGACY_CODECS) if t is not None]
    candidates += [str(best)] if best is not None else []
    if not candidates:
        return body.decode("utf-8", "replace")
    # Ties go to windows-1251: charset-normalizer often says mac_cyrillic, which no feed uses.
    return max(candidates, key=_readability)


def feed_as_utf8(body: bytes, content_type: str = "") -> bytes:
    """The feed re-encoded as UTF-8 with a matching XML declaration (JSON and UTF-8 pass through)."""
    if body.startswith(codecs.BOM_UTF8) or body.lstrip()[:1] == b"{" or _decodes(body, "utf-8") is not None:
        return body
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body  # feedparser reads UTF-16 with a BOM itself
    match = _XML_DECLARATION.match(body)
    header = _HEADER_CHARSET.search(content_type or "")
    declared = [_codec(match.group(2).decode("ascii")) if match else None, _codec(header.group(1) if header else None)]
    text = next((t for t in (_decodes(body, d) for d in declared if d and d != "utf-8") if t is not None), None)
    if text is None:
        text = _best_guess(body)
    encoded = text.encode("utf-8")
    return _XML_DECLARATION.sub(rb"\1utf-8\3", encoded, count=1)
