"""The bundled list of the region's outlets (``data/outlets.json``), as sources.

Each outlet records where its feed address was seen and whether a recorded probe
found it working (``verified``). Unverified feeds are installed disabled, so a fresh
desk does not hammer dead addresses; ``steppe sources enable URL`` turns one on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from steppe.models import Source


@dataclass(frozen=True)
class Outlet:
    """One regional outlet and its feed."""

    name: str
    home: str
    feed: str
    language: str
    country: str | None
    verified: bool
    evidence: str

    def as_source(self) -> Source:
        """The outlet's feed as a Source (enabled only when verified)."""
        return Source(
            url=self.feed,
            name=self.name,
            kind="feed",
            language=self.language,
            country=self.country,
            enabled=self.verified,
        )


def bundled_outlets() -> list[Outlet]:
    """Every outlet in the bundled data file, in file order."""
    text = resources.files("steppe").joinpath("data/outlets.json").read_text(encoding="utf-8")
    return [Outlet(**entry) for entry in json.loads(text)["outlets"]]
