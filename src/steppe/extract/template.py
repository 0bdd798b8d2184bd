"""Site templates: the blocks a site repeats on page after page, learned as pages arrive.

A block is one line or paragraph of a page, normalised (case-folded, digits and
punctuation squeezed) so that a ticker with today's figures or a footer with this
year still matches yesterday's. The template counts on how many of the site's pages
each block fingerprint appeared; `extract` drops from story text the blocks that
recur on at least MIN_PAGES pages and on at least MIN_SHARE of the pages seen.
Learning is pure: it returns a new template.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

MIN_PAGES = 3
MIN_SHARE = 0.5
MAX_BLOCKS = 4000  # fingerprints kept per site; the rarest go first
RECENT_PAGES = 64  # page hashes remembered so that re-learning a page changes nothing
MIN_BLOCK_CHARS = 2
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_block(text: str) -> str:
    """The comparable form of a block: case-folded, digits as 0, punctuation as spaces."""
    folded = _DIGITS.sub("0", text.casefold())
    return " ".join(_NON_WORD.sub(" ", folded).split())


def fingerprint(text: str) -> str | None:
    """A short stable hash of a normalised block, or None for blocks too small to matter."""
    normal = normalise_block(text)
    if len(normal) < MIN_BLOCK_CHARS:
        return None
    return hashlib.blake2b(normal.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class SiteTemplate:
    """What one site repeats: block fingerprints and on how many pages each was seen."""

    site: str
    pages_seen: int = 0
    blocks: tuple[tuple[str, int], ...] = ()  # (fingerprint, pages it appeared on)
    recent_pages: tuple[str, ...] = field(default=(), compare=False)

    def counts(self) -> dict[str, int]:
        """Fingerprint → number of pages, as a dict."""
        return dict(self.blocks)

    def boilerplate(self) -> frozenset[str]:
        """Fingerprints frequent enough on this site to be template, not content."""
        floor = max(MIN_PAGES, MIN_SHARE * self.pages_seen)
        return frozenset(fp for fp, n in self.blocks if n >= floor)

    def to_json(self) -> str:
        """Serialise for the store."""
        return json.dumps(
            {
                "site": self.site,
                "pages_seen": self.pages_seen,
                "blocks": [list(b) for b in self.blocks],
                "recent_pages": list(self.recent_pages),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> SiteTemplate:
        """Read back what `to_json` wrote."""
        data = json.loads(text)
        return cls(
            site=str(data["site"]),
            pages_seen=int(data.get("pages_seen", 0)),
            blocks=tuple((str(fp), int(n)) for fp, n in data.get("blocks", ())),
            recent_pages=tuple(str(h) for h in data.get("recent_pages", ())),
        )


def learn_blocks(template: SiteTemplate | None, site: str, page_hash: str, blocks: Iterable[str]) -> SiteTemplate:
    """Count a page's blocks into the site's template; a page already counted changes nothing."""
    template = template or SiteTemplate(site=site)
    if page_hash in template.recent_pages:
        return template
    counts = template.counts()
    for fp in {f for f in map(fingerprint, blocks) if f}:
        counts[fp] = counts.get(fp, 0) + 1
    kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_BLOCKS]
    return replace(
        template,
        pages_seen=template.pages_seen + 1,
        blocks=tuple(kept),
        recent_pages=(template.recent_pages + (page_hash,))[-RECENT_PAGES:],
    )


def remove_template_lines(lines: list[str], template: SiteTemplate | None) -> list[str]:
    """Story lines without the site's boilerplate blocks."""
    if template is None or template.pages_seen < MIN_PAGES:
        return lines
    boiler = template.boilerplate()
    if not boiler:
        return lines
    return [line for line in lines if fingerprint(line) not in boiler]
