"""Feed bytes as UTF-8, whatever charset the server or the document claimed.

feedparser trusts the XML declaration and, failing it, guesses windows-1252, which
turns a windows-1251 or KOI8-R feed into mojibake. Here the charset is decided by the
one rule of ``steppe.text.charset`` (the same pages get), the feed re-encoded as UTF-8 and
its XML declaration rewritten to match.
"""

from __future__ import annotations

import re

from steppe.text.charset import decide

_XML_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9_.:-]+)([\"'])")


def feed_as_utf8(body: bytes, content_type: str = "") -> bytes:
    """The feed re-encoded as UTF-8 with a matching XML declaration (JSON and UTF-8 pass through)."""
    if body.lstrip()[:1] == b"{":
        return body
    decoded = decide(body, content_type)
    if decoded.how in ("bom", "utf-8"):
        return body  # feedparser reads UTF-8 and, with a byte-order mark, UTF-16 and UTF-32 itself
    return _XML_DECLARATION.sub(rb"\1utf-8\3", decoded.text.encode("utf-8"), count=1)
