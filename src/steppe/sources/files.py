"""Local files and folders as input: HTML pages, feeds and plain-text page dumps.

Each path becomes ``Page`` values, or a ``Rejection`` naming the file and the
reason; a bad file never stops the rest of a batch.

Only regular files are read, and never more than the cap: a FIFO, a device
(``/dev/zero``) or a socket is refused before a byte is read, and every read is
``read(max + 1)``, so a file that lies about its size (``/proc``) cannot run away.
Inside a folder, a symbolic link is followed only to a file inside that folder.
A file must say what it is, by its suffix or by its first bytes. A story read
from a local file is named ``file:<folder>/<relative path>``, never by the
server's absolute path.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from steppe.errors import FeedError, InputRejected, InputTooLarge
from steppe.models import Page, Rejection
from steppe.sources.feeds import entry_page, looks_like_feed, parse_feed

SKIPPED_NAMES = {"README.md", ".DS_Store"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".rdf", ".xml", ".json"}
RATE_FILE_MAX_BYTES = 20 * 1024 * 1024  # a recorded bank payload; the largest real one is under 1 MB
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta)\b", re.I | re.S
)
CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>]+)|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>]+)""",
    re.IGNORECASE,
)
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


@dataclass(frozen=True)
class InputFile:
    """A file to read: where it is, and the public name its stories keep (relative, no server path)."""

    path: Path
    name: str


@dataclass(frozen=True)
class FileItem:
    """A Page read from a file, or the reason a file was turned away."""

    path: Path
    page: Page | None = None
    rejection: Rejection | None = None


def _hidden_or_skipped(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts) or relative.name in SKIPPED_NAMES


def _folder_member(root: Path, real_root: Path, path: Path) -> InputFile | Rejection:
    """A file found in a folder; a symbolic link only when it points to a file inside the folder."""
    name = (Path(root.resolve().name or "local") / path.relative_to(root)).as_posix()
    if not path.is_symlink():
        return InputFile(path, name)
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Rejection(str(path), "symbolic link to nothing (or a loop): not followed")
    if not target.is_relative_to(real_root):
        return Rejection(str(path), "symbolic link to a file outside the ingested folder: refused")
    if target.is_dir():
        return Rejection(str(path), "symbolic link to a folder: not followed")
    return InputFile(target, name)


def gather(paths: Iterable[str | Path]) -> tuple[list[InputFile], list[Rejection]]:
    """Files named, and files inside folders named (recursively, sorted, links not followed out); refusals."""
    found: list[InputFile] = []
    refused: list[Rejection] = []
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path) or (path.is_symlink() and not path.exists()):
            refused.append(Rejection(str(path), "no such file or folder"))
        elif path.is_dir():
            real_root = path.resolve()
            members: list[Path] = []
            for top, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden folders are not walked at all
                members.extend(Path(top) / f for f in files)
                members.extend(Path(top) / d for d in dirs if (Path(top) / d).is_symlink())
            for member in sorted(members):
                if _hidden_or_skipped(member.relative_to(path)):
                    continue
                item = _folder_member(path, real_root, member)
                if isinstance(item, InputFile):
                    found.append(item)
                else:
                    refused.append(item)
        else:  # named on the command line: the operator chose it, links included
            found.append(InputFile(path.resolve(), f"{path.resolve().parent.name or 'local'}/{path.name}"))
    return found, refused


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The paths ``gather`` finds (its refusals dropped: use ``gather`` to report them)."""
    return [item.path for item in gather(paths)[0]]


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, at most ``max_bytes``; InputRejected for anything else, before reading it."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputRejected("a symbolic link: refused") from None
        raise InputRejected(f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputRejected(f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'a special file')}")
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise InputTooLarge(_too_large(size, max_bytes))
        body = handle.read(max_bytes + 1)  # /proc files say 0 bytes: the read itself is the bound
    if len(body) > max_bytes:
        raise InputTooLarge(_too_large(len(body), max_bytes, more=True))
    return body


def _too_large(size: int, max_bytes: int, *, more: bool = False) -> str:
    limit = f"{max_bytes / 1024 / 1024:.0f} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    return f"file is over the {limit} limit" if more else f"file is {size / 1024 / 1024:.1f} MB, over the {limit} limit"


def _site_and_url(name: str, body: bytes) -> tuple[str, str]:
    match = CANONICAL.search(body[:65536])
    if match:
        url = (match.group(1) or match.group(2)).decode("ascii", "replace").strip()
        host = urlsplit(url).hostname
        if host and url.startswith(("http://", "https://")):
            return host, url
    return name.rsplit("/", 2)[-2] if "/" in name else "local", file_name_url(name)


def file_name_url(name: str) -> str:
    """The public address of a local file: ``file:`` and its relative name (no server path)."""
    return "file:" + quote(name, safe="/")


def looks_like_html(body: bytes) -> bool:
    """True when the first bytes open an HTML document or fragment."""
    return bool(_HTML_START.match(body[:4096]))


def _kind(path: Path, body: bytes) -> str | None:
    """'feed', 'page' or 'text' from the bytes and the suffix; None when the file says neither."""
    suffix = path.suffix.lower()
    if looks_like_feed(body):
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in PAGE_SUFFIXES or looks_like_html(body):
        return "page"
    return None


def read_file(item: InputFile | Path, *, max_bytes: int, now: datetime | None = None) -> Iterator[FileItem]:
    """The pages in one file: one for a page or dump, one per entry for a feed."""
    if isinstance(item, Path):
        item = InputFile(item, f"{item.resolve().parent.name or 'local'}/{item.name}")
    path = item.path
    now = now or datetime.now(UTC)
    try:
        body = read_bounded(path, max_bytes)
    except InputRejected as exc:
        yield FileItem(path, rejection=Rejection(str(path), str(exc)))
        return
    kind = _kind(path, body)
    if kind is None:
        reason = f"unknown file type {path.suffix or '(no suffix)'}: not HTML, a feed or a text dump"
        yield FileItem(path, rejection=Rejection(str(path), reason))
        return
    if kind == "feed":
        yield from _feed_items(path, item.name, body, now)
        return
    site, url = _site_and_url(item.name, body)
    yield FileItem(
        path,
        page=Page(
            url=url,
            site=site,
            body=body,
            fetched_at=now,
            content_type="text/plain" if kind == "text" else "text/html",
            origin="imported",
            source_url=file_name_url(item.name),
        ),
    )


def _feed_items(path: Path, name: str, body: bytes, now: datetime) -> Iterator[FileItem]:
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
        yield FileItem(path, page=entry_page(entry, feed_url=file_name_url(name), fetched_at=now))
