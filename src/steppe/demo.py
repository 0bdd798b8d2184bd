"""The bundled demo desk: official rates and news from ``data/demo``, ingested through the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from steppe.models import IngestReport, Rejection
from steppe.pipeline import import_rate_files, ingest_items
from steppe.sources.files import FileItem, expand, read_file
from steppe.store import Store

DEMO_FOLDER = Path(__file__).parent / "data" / "demo"


@dataclass(frozen=True)
class DemoBuild:
    """What building the demo desk added, and anything it had to reject."""

    report: IngestReport
    quotes: int
    rejected: tuple[Rejection, ...]


def news_folders(folder: Path = DEMO_FOLDER) -> list[Path]:
    """The demo's news folders (everything but the bank payloads)."""
    return [p for p in sorted(folder.iterdir()) if p.is_dir() and p.name != "rates"]


def build_demo(
    store: Store,
    *,
    max_bytes: int = 20 * 1024 * 1024,
    folder: Path = DEMO_FOLDER,
    on_file: Callable[[Path], object] | None = None,
) -> DemoBuild:
    """Import the demo's rates, then ingest its pages, feed and digest dump."""
    quotes, rate_rejections = import_rate_files(store, expand([folder / "rates"]))

    def items() -> Iterator[FileItem]:
        for path in expand(news_folders(folder)):
            yield from read_file(path, max_bytes=max_bytes)
            if on_file:
                on_file(path)

    report = ingest_items(items(), store)
    return DemoBuild(report, quotes, tuple(rate_rejections) + report.rejected)
