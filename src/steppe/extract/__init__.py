"""The extract stage: one page in, clean stories (or a list page's links) and ticker rates out.

decode -> decide the kind (article, digest, list, other: build.py with kind.py) -> the
kind's own reading (main text and segments, or the main list: listing.py) -> assemble.

Pure: bytes and an optional learned site template in, an `Extraction` out; no network,
no database. Bad input never raises: the Extraction comes back with `rejected` set to
a reason a person can read ("empty file", "binary data (looks like PNG image)").
"""

from __future__ import annotations

from steppe.extract.budget import bound_markup, bound_text, with_bounds
from steppe.extract.build import assemble, draft_html, draft_text
from steppe.extract.encoding import decode, size_rejection, sniff_binary
from steppe.extract.html import parse_html, read_page
from steppe.extract.template import SiteTemplate, learn_blocks
from steppe.extract.text import looks_like_html, markup_text, plain_lines
from steppe.models import Extraction, Page

__all__ = ["SiteTemplate", "extract", "learn_template"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def extract(page: Page, template: SiteTemplate | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Stories and ticker quotes of one page, or a rejection with its reason."""
    try:
        return _extract(page, template, max_bytes)
    except RecursionError:
        return _rejected(page, "page is nested too deeply to read")
    except MemoryError:
        return _rejected(page, "page is too large to read in memory")
    except Exception as exc:  # the last guard of a pure stage: report, never crash the batch
        return _rejected(page, f"extraction failed ({type(exc).__name__}: {exc})")


def _extract(page: Page, template: SiteTemplate | None, max_bytes: int) -> Extraction:
    body = page.body or b""
    reason = size_rejection(body, max_bytes)
    if reason is None:
        binary = sniff_binary(body)
        reason = f"binary data (looks like {binary})" if binary else None
    if reason is not None:
        return _rejected(page, reason)
    decoded = decode(body, page.content_type)
    if isinstance(decoded, str):
        return _rejected(page, decoded)
    if not decoded.text.strip():
        return _rejected(page, "empty file")
    if not looks_like_html(decoded.text, page.content_type or ""):
        return assemble(draft_text(bound_text(decoded.text), template), page)
    markup, bounds = bound_markup(decoded.text)  # the extraction budget: a hostile page keeps its head
    draft = draft_html(markup, page, template)
    if draft is None:  # markup the parser cannot read whole (nested past its limit): read it as text
        draft = draft_text(markup_text(markup), template)
    return with_bounds(assemble(draft, page), bounds)


def _rejected(page: Page, reason: str) -> Extraction:
    return Extraction(url=page.url, title=None, published=None, language=None, rejected=reason, kind="other")


def learn_template(template: SiteTemplate | None, page: Page) -> SiteTemplate:
    """The site's template updated with this page's blocks (pure: returns a new template)."""
    try:
        return learn_blocks(template, page.site, page.body_hash, _page_blocks(page))
    except Exception:  # a page we cannot read teaches nothing
        return template or SiteTemplate(site=page.site)


def _page_blocks(page: Page) -> list[str]:
    body = page.body or b""
    if size_rejection(body, DEFAULT_MAX_BYTES) or sniff_binary(body):
        return []
    decoded = decode(body, page.content_type)
    if isinstance(decoded, str):
        return []
    if not looks_like_html(decoded.text, page.content_type or ""):
        return plain_lines(decoded.text)
    tree = parse_html(decoded.text)
    read = read_page(tree) if tree is not None else None
    if read is None or read.cut_by_parser:
        return plain_lines(markup_text(decoded.text))
    return read.lines
