"""The cluster stage's decision for one new story: a near-copy of a stored one, or a place in a cluster."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from steppe.cluster.assign import IndexReader, Placement, assign
from steppe.cluster.features import StoryFeatures
from steppe.cluster.nearcopy import COPY_WINDOW_DAYS, MAX_COPY_CANDIDATES, CopyCandidate, find_original, is_better_copy


class StoryIndex(IndexReader, Protocol):
    """An index that also finds near-copy candidates by LSH band."""

    def copies(self, bands: Sequence[int], first_day: int, last_day: int, *, limit: int) -> list[CopyCandidate]: ...


@dataclass(frozen=True)
class CopyFiling:
    """The new story is a near-copy of a stored one: linked to it, not placed in a cluster."""

    copy_of: CopyCandidate  # the stored story this one is a near-copy of
    replaces: bool = False  # the new text is the better copy: show the stored story from it
    placement: ClassVar[None] = None  # a copy is never placed (lets readers ask either case)


@dataclass(frozen=True)
class PlacedFiling:
    """The new story is not a copy: placed in a cluster (a known one or a new one)."""

    placement: Placement
    copy_of: ClassVar[None] = None  # not a copy (lets readers ask either case)
    replaces: ClassVar[bool] = False


Filing = CopyFiling | PlacedFiling  # where a new story goes; ``isinstance`` tells the cases apart


def copy_candidate(story_id: int, cluster_id: int | None, features: StoryFeatures) -> CopyCandidate:
    """A story's features as a near-copy candidate."""
    numbers = frozenset(k for k in features.keys if k.startswith(("n:", "f:")))
    return CopyCandidate(
        story_id,
        cluster_id,
        tuple(features.signature),
        features.site,
        features.length,
        features.published,
        features.credit,
        features.day,
        numbers,
    )


def file_story(features: StoryFeatures, index: StoryIndex, fold_word: Callable[[str], str]) -> Filing:
    """Near-copy check first (LSH bands, then the signature estimate), else cluster placement."""
    new = copy_candidate(0, None, features)
    candidates = index.copies(
        features.bands, features.day - COPY_WINDOW_DAYS, features.day + COPY_WINDOW_DAYS, limit=MAX_COPY_CANDIDATES
    )
    original = find_original(new, candidates)
    if original is not None:
        return CopyFiling(original, replaces=is_better_copy(new, original, fold_word))
    return PlacedFiling(assign(features, index))
