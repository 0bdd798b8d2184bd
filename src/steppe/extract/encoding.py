"""Bytes to text: size and binary guards, then the right character encoding.

The encoding is decided by the one rule of ``steppe.text.charset`` (byte-order mark, then
valid UTF-8, then the best-reading of the declared charsets, windows-1251, KOI8-R and
charset-normalizer's guess); feeds get the same rule in ``fetch.charset``.
"""

from __future__ import annotations

import dataclasses

from steppe.extract.patterns import BINARY_SIGNATURES, ISO_MEDIA_TAG
from steppe.text.charset import BOMS, MB, Decoded, decide, declared_charset

__all__ = ["Decoded", "declared_charset", "decode", "size_rejection", "sniff_binary"]

# Control bytes that text never holds (tab, newlines, form feed and ESC excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13 and b != 27)


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
    if any(body.startswith(bom) for bom, _ in BOMS):
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


def decode(body: bytes, content_type: str | None = None) -> Decoded | str:
    """Decode a page's bytes by the one charset rule (steppe.text.charset); a Decoded, or a rejection reason."""
    decided = decide(body, content_type)
    if decided.how != "bom" and any(body.startswith(bom) for bom, _ in BOMS):
        return "text with a byte-order mark that does not decode"
    if decided.how == "replaced":
        return dataclasses.replace(decided, encoding="utf-8 (with replacements)")
    return decided
