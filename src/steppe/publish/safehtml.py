"""Safe HTML out of untrusted input: the one place Steppe decides what markup may pass.

Stories are stored as plain text; everywhere HTML is produced from them (search
snippets, feed content, the e-mailed digest) or accepted from outside, it goes
through ``sanitise_html`` (nh3, an allow-list sanitiser) and links through
``safe_url`` (http and https only).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from markupsafe import Markup, escape

from steppe.text.marks import MARK_END, MARK_START

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "article",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "section",
        "small",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "time",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "time": {"datetime"},
    "td": {"colspan"},
    "th": {"colspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise_html(fragment: str) -> Markup:
    """An HTML fragment with everything outside a small allow-list removed (scripts, handlers, styles)."""
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(cleaned)


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) address, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch in url for ch in "\x00\r\n\t<>\"'` "):
        return None
    return url


def text_to_html(text: str) -> Markup:
    """Plain text as escaped HTML paragraphs (one per non-blank line)."""
    paragraphs = (line.strip() for line in text.split("\n"))
    return sanitise_html("".join(f"<p>{escape(p)}</p>" for p in paragraphs if p))


def marked_html(marked: str) -> Markup:
    """Text whose matches sit between MARK_START/MARK_END as escaped HTML with <mark> elements."""
    html = str(escape(marked)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return sanitise_html(html)


def unmarked(marked: str) -> str:
    """Marked text with the match markers removed."""
    return marked.replace(MARK_START, "").replace(MARK_END, "")
