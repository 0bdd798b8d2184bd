"""Which character encoding a body of bytes is in: the one rule for pages and feeds.

In order:

1. A byte-order mark settles it (UTF-8, UTF-16, UTF-32): it is the bytes' own statement.
2. Valid UTF-8 (with non-ASCII bytes, or plain ASCII) is UTF-8, whatever any declaration
   says: legacy Cyrillic text is practically never valid UTF-8 by accident.
3. Otherwise the candidates are each declared charset that decodes the body strictly
   (the HTTP header, then the XML declaration, then <meta>), windows-1251 and KOI8-R (what
   the region's Cyrillic sites use when not UTF-8), and charset-normalizer's guess (for
   everything else: windows-1252, GBK, ...). The one that reads best wins: the largest share
   of words cased like words ("слово", "Слово", "СЛОВО", not "сЛОВО") in one script (not
   "cafй"), less replacement characters.
4. The tie-break: the first candidate in that order, so the publisher's declaration wins a
   tie, then windows-1251 before KOI8-R, and the detector's guess comes last (it often says
   mac_cyrillic, which no site of the region uses).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from steppe.text.scripts import mixes_scripts

MB = 1024 * 1024
LEGACY_CODECS = ("cp1251", "koi8_r")  # the region's Cyrillic charsets before UTF-8
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM begins with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
READ_CHARS = 200_000  # enough text to score a codec by
DETECT_BYTES = 2 * MB  # what charset-normalizer is shown


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the codec that did it, and how it was chosen."""

    text: str
    encoding: str
    how: str  # "bom", "utf-8", "declared", "guessed" or "replaced" (no codec fitted)


def codec_name(name: str | None) -> str | None:
    """Python's name for a charset label ("windows-1251" -> "cp1251"), or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """The charsets the HTTP header, the XML declaration and <meta> claim, in that order, known ones only."""
    found: list[str | None] = []
    header = _HEADER_CHARSET.search(content_type or "")
    found.append(codec_name(header.group(1)) if header else None)
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        found.append(codec_name(match.group(1).decode("ascii", "replace")) if match else None)
    return list(dict.fromkeys(name for name in found if name))


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The first charset the HTTP header, XML declaration or <meta> claims, if any."""
    declared = declared_charsets(body, content_type)
    return declared[0] if declared else None


def decide(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a body by the one rule of this module (see its docstring)."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            decoded = _strict(body, codec, "bom")
            if decoded is not None:
                return decoded
            break
    utf8 = _strict(body, "utf-8", "utf-8")
    if utf8 is not None:
        return utf8
    declared = [_strict(body, name, "declared") for name in declared_charsets(body, content_type)]
    legacy = [_strict(body, name, "guessed") for name in LEGACY_CODECS]
    candidates = [c for c in (*declared, *legacy, _detected(body)) if c is not None]
    if not candidates:
        return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "replaced")
    return max(candidates, key=lambda d: readability(d.text))  # max keeps the first of equals


def readability(text: str) -> float:
    """How much a decoded text reads like text: the share of its words cased like words, in one script.

    Words of caseless scripts (Chinese, Arabic) count as well cased; each replacement
    character counts against.
    """
    sample = text[:READ_CHARS]
    words = _WORD.findall(sample)
    if not words:
        return 0.0
    good = sum(1 for w in words if _cased_like_a_word(w) and not mixes_scripts(w))
    return (good - sample.count("\ufffd")) / len(words)


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or word.istitle() or word.lower() == word.upper()


def _strict(body: bytes, codec: str, how: str) -> Decoded | None:
    try:
        return Decoded(body.decode(codec), codecs.lookup(codec).name, how)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(body: bytes) -> Decoded | None:
    """charset-normalizer's guess, decoded with replacements where it does not quite fit."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(body.decode(best.encoding, errors="replace"), codecs.lookup(best.encoding).name, "guessed")
    except LookupError:
        return None
