"""The stage order: extract -> enrich -> cluster -> store, over a batch of pages.

The only module that knows the order. The CLI, the scheduler, the web app and
the tests all ingest through ``ingest_page`` / ``ingest_items``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from .cluster import deduplicate
from .enrich import enrich, fold
from .extract import SiteTemplate, extract, learn_template
from .errors import RatesError
from .models import IngestReport, Page, Quote, Rejection, Story
from .rates import BANKS, parse as parse_rates
from .sources.files import FileItem
from .store import Session, Store


@dataclass(frozen=True)
class PageOutcome:
    """What happened to one page."""

    page: Page
    status: str  # added | seen | rejected
    added: int = 0
    duplicates: int = 0
    quotes: int = 0
    reason: str | None = None


def _template(session: Session, site: str) -> SiteTemplate | None:
    data = session.templates.get(site)
    return SiteTemplate.from_json(data) if data else None


def _store_stories(session: Session, stories: list[Story], now: datetime) -> tuple[int, int]:
    added = duplicates = 0
    ids: list[int | None] = []
    for decision in deduplicate(stories, session.stories.id_for_same):
        story = decision.story
        original = decision.copy_of_id
        if original is None and decision.copy_of_index is not None:
            original = ids[decision.copy_of_index]
        if original is not None:
            duplicates += 1
            ids.append(original)
            if session.stories.get(original).url != story.url:
                session.stories.add_copy(original, story.url, story.site, now)
            continue
        story_id = session.stories.add(story, folded=fold(story.headline + "\n" + story.text), now=now)
        ids.append(story_id)
        added += story_id is not None
    return added, duplicates


def _ticker_quotes(page: Page, quotes: tuple[Quote, ...]) -> list[Quote]:
    """Page-ticker quotes are stored under the page's site, with the page as provenance."""
    return [dataclasses.replace(q, bank=page.site[:64], provenance=q.provenance or page.url) for q in quotes]


def ingest_page(page: Page, store: Store, *, now: datetime | None = None) -> PageOutcome:
    """Run one page through every stage and store the result in one transaction."""
    now = now or datetime.now(timezone.utc)
    with store.read() as session:
        seen = session.pages.seen(page.body_hash)
        template = None if seen else _template(session, page.site)
    if seen:
        status = "rejected" if seen.status == "rejected" else "seen"
        return PageOutcome(page, status, reason=seen.reason)
    extraction = extract(page, template)
    if extraction.rejected:
        with store.write() as session:
            session.pages.add(page, status="rejected", reason=extraction.rejected)
        return PageOutcome(page, "rejected", reason=extraction.rejected)
    stories = [enrich(story) for story in extraction.stories]
    with store.write() as session:
        session.templates.put(page.site, learn_template(_template(session, page.site), page).to_json(), now=now)
        added, duplicates = _store_stories(session, stories, now)
        quotes = session.quotes.add(_ticker_quotes(page, extraction.rates), now=now)
        session.pages.add(page, status="ok", story_count=added)
    return PageOutcome(page, "added", added=added, duplicates=duplicates, quotes=quotes)


def ingest_items(
    items: Iterable[FileItem | Page],
    store: Store,
    *,
    on_item: Callable[[PageOutcome | Rejection], None] | None = None,
) -> IngestReport:
    """Ingest a batch; every page is its own transaction, so a bad one costs only itself."""
    counts = {"added": 0, "duplicates": 0, "pages": 0, "pages_seen_before": 0, "quotes": 0}
    rejected: list[Rejection] = []
    for item in items:
        page = item if isinstance(item, Page) else item.page
        if page is None:
            rejected.append(item.rejection)
            if on_item:
                on_item(item.rejection)
            continue
        outcome = ingest_page(page, store)
        counts["pages"] += 1
        counts["added"] += outcome.added
        counts["duplicates"] += outcome.duplicates
        counts["quotes"] += outcome.quotes
        if outcome.status == "seen":
            counts["pages_seen_before"] += 1
        if outcome.status == "rejected":
            name = item.path.as_posix() if isinstance(item, FileItem) else page.url
            if isinstance(item, FileItem) and page.url != item.path.resolve().as_uri():
                name = f"{name} ({page.url})"
            rejected.append(Rejection(name, outcome.reason or "rejected"))
        if on_item:
            on_item(outcome)
    return IngestReport(rejected=tuple(rejected), **counts)


def bank_for_file(path: Path) -> str | None:
    """The bank a recorded payload belongs to, from a file name like ``nbkr-2026-11-28.xml``."""
    prefix = path.name.split("-", 1)[0].split(".", 1)[0].upper()
    return prefix if prefix in BANKS else None


def import_rates(store: Store, quotes: Iterable[Quote], *, now: datetime | None = None) -> int:
    """Store quotes not yet stored; returns how many were new."""
    with store.write() as session:
        return session.quotes.add(quotes, now=now or datetime.now(timezone.utc))


def import_rate_files(store: Store, paths: Iterable[Path], *, bank: str | None = None) -> tuple[int, list[Rejection]]:
    """Parse and store recorded bank payloads; a bad file is rejected with its reason, the rest land."""
    added = 0
    rejected: list[Rejection] = []
    for path in paths:
        code = (bank or bank_for_file(path) or "").upper()
        if code not in BANKS:
            rejected.append(Rejection(str(path), "unknown bank: name the file after it (nbk-..., cbu-...) or pass --bank"))
            continue
        try:
            quotes = parse_rates(code, path.read_bytes())
        except RatesError as exc:
            rejected.append(Rejection(str(path), str(exc)))
            continue
        except OSError as exc:
            rejected.append(Rejection(str(path), f"cannot read file: {exc.strerror or exc}"))
            continue
        added += import_rates(store, [dataclasses.replace(q, provenance=q.provenance or path.name) for q in quotes])
    return added, rejected
