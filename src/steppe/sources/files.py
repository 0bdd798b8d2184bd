"""Local files and folders as input: HTML pages, feeds and plain-text page dumps.

Each path becomes ``Page`` values, or a ``Rejection`` naming the file and the
reason; a bad file never stops the rest of a batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from steppe.errors import FeedError
from steppe.models import Page, Rejection
from steppe.sources.feeds import entry_page, looks_like_feed, parse_feed

SKIPPED_NAMES = {"README.md", "expected.json", ".DS_Store"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>]+)|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>]+)""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FileItem:
    """A Page read from a file, or the reason a file was turned away."""

    path: Path
    page: Page | None = None
    rejection: Rejection | None = None


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and files inside folders named (recursively, sorted); hidden files skipped."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name not in SKIPPED_NAMES
            )
        else:
            found.append(path)
    return found


def _site_and_url(path: Path, body: bytes) -> tuple[str, str]:
    match = CANONICAL.search(body[:65536])
    if match:
        url = (match.group(1) or match.group(2)).decode("ascii", "replace").strip()
        host = urlsplit(url).hostname
        if host and url.startswith(("http://", "https://")):
            return host, url
    return path.parent.name or "local", path.resolve().as_uri()


def read_file(path: Path, *, max_bytes: int, now: datetime | None = None) -> Iterator[FileItem]:
    """The pages in one file: one for a page or dump, one per entry for a feed."""
    now = now or datetime.now(UTC)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = max_bytes / 1024 / 1024
            yield FileItem(
                path,
                rejection=Rejection(str(path), f"file is {size / 1024 / 1024:.1f} MB, over the {limit:.0f} MB limit"),
            )
            return
        body = path.read_bytes()
    except OSError as exc:
        yield FileItem(path, rejection=Rejection(str(path), f"cannot read file: {exc.strerror or exc}"))
        return
    if looks_like_feed(body):
        yield from _feed_items(path, body, now)
        return
    site, url = _site_and_url(path, body)
    content_type = "text/plain" if path.suffix.lower() in TEXT_SUFFIXES else "text/html"
    yield FileItem(
        path,
        page=Page(
            url=url,
            site=site,
            body=body,
            fetched_at=now,
            content_type=content_type,
            origin="imported",
            source_url=path.resolve().as_uri(),
        ),
    )


def _feed_items(path: Path, body: bytes, now: datetime) -> Iterator[FileItem]:
    try:
        feed = parse_feed(body)
    except FeedError as exc:
        yield FileItem(path, rejection=Rejection(str(path), str(exc)))
        return
    for reason in feed.skipped:
        yield FileItem(path, rejection=Rejection(str(path), reason))
    if not feed.entries:
        if not feed.skipped:
            yield FileItem(path, rejection=Rejection(str(path), "feed has no entries with a link"))
        return
    for entry in feed.entries:
        yield FileItem(path, page=entry_page(entry, feed_url=path.resolve().as_uri(), fetched_at=now))
