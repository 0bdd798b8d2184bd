"""The stage order: extract -> enrich -> cluster -> store, over a batch of pages.

The only module that knows the order. The CLI, the scheduler, the web app and
the tests all ingest through ``ingest_page`` / ``ingest_items``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from steppe.cluster import (
    Candidate,
    CopyCandidate,
    StoryFeatures,
    bands_of,
    copy_candidate,
    deduplicate,
    describe,
    file_story,
    norm_of,
    pack_signature,
    takes_lead,
    unpack_signature,
)
from steppe.cluster.decide import CopyFiling
from steppe.enrich import enrich, fold
from steppe.errors import InputRejected, RatesError
from steppe.extract import SiteTemplate, extract, learn_template
from steppe.models import IngestReport, Page, Quote, Rejection, Story
from steppe.rates.banks import BANKS
from steppe.rates.banks import parse as parse_rates
from steppe.sources.files import RATE_FILE_MAX_BYTES, FileItem, read_bounded
from steppe.store import Session, Store
from steppe.store.cluster_index import ClusterIndex, IndexedStory


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


class _StoredIndex:
    """The store's cluster index seen as the cluster stage's ``StoryIndex``."""

    def __init__(self, index: ClusterIndex):
        self.index = index

    def frequencies(self, keys: Sequence[str], first_day: int, last_day: int) -> dict[str, int]:
        return self.index.frequencies(keys, first_day, last_day)

    def count(self, first_day: int, last_day: int) -> int:
        return self.index.count(first_day, last_day)

    def near(self, keys: Sequence[str], first_day: int, last_day: int, *, limit: int) -> list[Candidate]:
        rows = self.index.near(keys, first_day, last_day, limit=limit)
        return [Candidate(row.story_id, row.cluster_id, _features(row)) for row in rows]

    def copies(self, bands: Sequence[int], first_day: int, last_day: int, *, limit: int) -> list[CopyCandidate]:
        rows = self.index.by_bands(bands, first_day, last_day, limit=limit)
        return [copy_candidate(row.story_id, row.cluster_id, _features(row)) for row in rows]


def _features(row: IndexedStory) -> StoryFeatures:
    return StoryFeatures(
        keys=row.keys,
        day=row.day,
        language=row.language,
        site=row.site,
        length=row.length,
        published=row.published,
        signature=unpack_signature(row.signature),
        credit=row.credit,
        norm=norm_of(row.keys),
    )


def _indexed(story_id: int, cluster_id: int, features: StoryFeatures) -> IndexedStory:
    return IndexedStory(
        story_id,
        cluster_id,
        features.day,
        features.language,
        features.site,
        features.length,
        features.published,
        features.keys,
        pack_signature(features.signature),
        features.credit,
    )


def _join_cluster(session: Session, cluster_id: int | None, story: Story, story_id: int, now: datetime) -> int:
    """Put a new story in its cluster (a new one when None); an English story takes the lead."""
    seen = story.published or now
    if cluster_id is None:
        cluster_id = session.clusters.create(story.headline, story_id, seen)
    else:
        session.clusters.touch(cluster_id, seen)
        if takes_lead(session.clusters.lead_language(cluster_id), story.language):
            session.clusters.set_lead(cluster_id, story_id, story.headline)
    session.stories.set_cluster(story_id, cluster_id)
    return cluster_id


def _record_copy(
    session: Session, filing: CopyFiling, story: Story, features: StoryFeatures, folded: str, now: datetime
) -> None:
    """Link a near-copy to its stored story, or show the stored story from it when it is the better copy."""
    original = filing.copy_of
    if not filing.replaces:
        session.stories.add_copy(original.story_id, story.url, story.site, now)
        return
    entry = _indexed(original.story_id, original.cluster_id or 0, features)
    session.clusters.index.replace_copy(
        entry, story, folded=folded, bands=features.bands, old_bands=bands_of(original.signature), now=now
    )
    session.clusters.rename_lead(original.story_id, story.headline)
    if original.cluster_id is not None:
        session.clusters.touch(original.cluster_id, story.published or now)


def _file_new_story(session: Session, index: _StoredIndex, story: Story, now: datetime) -> tuple[int | None, bool]:
    """Store a story that is not an exact repeat: as a near-copy, or as a new story in its cluster.

    Returns the story id it ended up under and whether it was a copy.
    """
    folded = fold(story.headline + "\n" + story.text)
    features = describe(story, folded, fold_word=fold, arrived=now)
    filing = file_story(features, index, fold)
    if isinstance(filing, CopyFiling):
        _record_copy(session, filing, story, features, folded, now)
        return filing.copy_of.story_id, True
    story_id = session.stories.add(story, folded=folded, now=now)
    if story_id is None:
        return None, False
    placement = filing.placement
    cluster_id = _join_cluster(session, placement.cluster_id, story, story_id, now)
    session.clusters.index.add(
        _indexed(story_id, cluster_id, placement.features), lookup_keys=features.lookup_keys(), bands=features.bands
    )
    session.clusters.index.relate(story_id, placement.related)
    return story_id, False


def _store_stories(session: Session, stories: list[Story], now: datetime) -> tuple[int, int]:
    """Store a page's stories: exact repeats and near-copies are linked, the rest clustered."""
    added = duplicates = 0
    ids: list[int | None] = []
    index = _StoredIndex(session.clusters.index)
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
        story_id, is_copy = _file_new_story(session, index, story, now)
        ids.append(story_id)
        duplicates += is_copy
        added += story_id is not None and not is_copy
    return added, duplicates


def _ticker_quotes(page: Page, quotes: tuple[Quote, ...]) -> list[Quote]:
    """Page-ticker quotes are stored under the page's site, with the page as provenance."""
    return [dataclasses.replace(q, bank=page.site[:64], provenance=q.provenance or page.url) for q in quotes]


def ingest_page(page: Page, store: Store, *, now: datetime | None = None) -> PageOutcome:
    """Run one page through every stage and store the result in one transaction."""
    now = now or datetime.now(UTC)
    with store.read() as session:
        seen = session.pages.seen(page.body_hash)
        template = None if seen else _template(session, page.site)
    if seen:
        status = "rejected" if seen.status == "rejected" else "seen"
        return PageOutcome(page, status, reason=seen.reason)
    extraction = extract(page, template)
    if extraction.rejected:
        with store.write() as session:
            session.pages.add(page, status="rejected", reason=extraction.rejected, kind=extraction.kind)
        return PageOutcome(page, "rejected", reason=extraction.rejected)
    stories = [enrich(story) for story in extraction.stories]
    with store.write() as session:
        session.templates.put(page.site, learn_template(_template(session, page.site), page).to_json(), now=now)
        added, duplicates = _store_stories(session, stories, now)
        quotes = session.quotes.add(_ticker_quotes(page, extraction.rates), now=now)
        session.pages.add(page, status="ok", story_count=added, kind=extraction.kind)
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
        if isinstance(item, Page):
            page = item
        elif item.page is not None:
            page = item.page
        else:
            rejection = item.rejection
            assert rejection is not None  # sources.files gives every FileItem a page or the reason it has none
            rejected.append(rejection)
            if on_item:
                on_item(rejection)
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
            if isinstance(item, FileItem) and page.url != page.source_url:
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
        return session.quotes.add(quotes, now=now or datetime.now(UTC))


def import_rate_files(
    store: Store, paths: Iterable[Path], *, bank: str | None = None, max_bytes: int = RATE_FILE_MAX_BYTES
) -> tuple[int, list[Rejection]]:
    """Parse and store recorded bank payloads; a bad file is rejected with its reason, the rest land."""
    added = 0
    rejected: list[Rejection] = []
    for path in paths:
        code = (bank or bank_for_file(path) or "").upper()
        if code not in BANKS:
            rejected.append(
                Rejection(str(path), "unknown bank: name the file after it (nbk-..., cbu-...) or pass --bank")
            )
            continue
        try:
            quotes = parse_rates(code, read_bounded(path, max_bytes))  # regular files only, read(max + 1)
        except (RatesError, InputRejected) as exc:
            rejected.append(Rejection(str(path), str(exc)))
            continue
        added += import_rates(store, [dataclasses.replace(q, provenance=q.provenance or path.name) for q in quotes])
    return added, rejected
