"""The cluster stage's decision for one new story: a near-copy of a stored one, or a place in a cluster."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from steppe.cluster.assign import IndexReader, Placement, assign
from steppe.cluster.features import StoryFeatures
from steppe.cluster.nearcopy import COPY_WINDOW_DAYS, MAX_COPY_CANDIDATES, CopyCandidate, find_original, is_better_copy


class StoryIndex(IndexReader, Protocol):
    """An index that also finds near-copy candidates by LSH band."""

    def copies(self, bands: Sequence[int], first_day: int, last_day: int, *, limit: int) -> list[CopyCandidate]: ...


@dataclass(frozen=True)
class Filing:
    """Where a new story goes: linked to a stored near-copy, or placed in a cluster."""

    copy_of: CopyCandidate | None = None  # the stored story this one is a near-copy of
    replaces: bool = False  # the new text is the better copy: show the stored story from it
    placement: Placement | None = None  # when it is not a copy


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
        return Filing(copy_of=original, replaces=is_better_copy(new, original, fold_word))
    return Filing(placement=assign(features, index))
