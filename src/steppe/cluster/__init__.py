"""Cluster stage: exact copies, near-copies (syndication) and story clusters across languages.

Pure: no database. For each new story the pipeline asks, in order,

    deduplicate(stories, stored_id_for)   the same normalised text (content hash) already stored?
    describe(story, folded, ...)          its language-independent keys and MinHash signature
    file_story(features, index, ...)      a near-copy of a stored story (and the better copy?),
                                          or which cluster it joins, from candidates the index
                                          returns for its time window, never from all stories

The index is passed in: the store's (``store/cluster_index.py``) in production, a
``MemoryIndex`` in benchmarks. Thresholds and their reasons are in ``assign`` and ``nearcopy``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from steppe.cluster.assign import (
    MERGE_THRESHOLD,
    RELATED_THRESHOLD,
    WINDOW_DAYS,
    Candidate,
    IndexReader,
    Neighbourhood,
    Placement,
    assign,
    norm_of,
    similarity,
    takes_lead,
)
from steppe.cluster.decide import Filing, StoryIndex, copy_candidate, file_story
from steppe.cluster.features import StoryFeatures, day_of, describe
from steppe.cluster.memory import MemoryIndex, cluster_in_memory
from steppe.cluster.nearcopy import (
    CopyCandidate,
    bands_of,
    find_original,
    is_better_copy,
    pack_signature,
    unpack_signature,
)
from steppe.models import Story

__all__ = [
    "Decision",
    "deduplicate",
    "StoryFeatures",
    "describe",
    "day_of",
    "Filing",
    "StoryIndex",
    "file_story",
    "copy_candidate",
    "Candidate",
    "IndexReader",
    "Neighbourhood",
    "Placement",
    "assign",
    "similarity",
    "norm_of",
    "takes_lead",
    "CopyCandidate",
    "bands_of",
    "find_original",
    "is_better_copy",
    "pack_signature",
    "unpack_signature",
    "MemoryIndex",
    "cluster_in_memory",
    "MERGE_THRESHOLD",
    "RELATED_THRESHOLD",
    "WINDOW_DAYS",
]


@dataclass(frozen=True)
class Decision:
    """What to do with one story: keep it as new, or record it as a copy."""

    story: Story
    copy_of_id: int | None = None  # a stored story with the same content
    copy_of_index: int | None = None  # an earlier story of the same batch


def deduplicate(stories: Sequence[Story], stored_id_for: Callable[[Story], int | None]) -> list[Decision]:
    """Exact-duplicate detection by the hash of normalised text, within the batch and against the store.

    ``stored_id_for`` answers which stored story a new one repeats, if any.
    """
    first_index: dict[str, int] = {}
    decisions = []
    for index, story in enumerate(stories):
        key = story.content_hash
        stored = stored_id_for(story)
        if stored is not None:
            decisions.append(Decision(story, copy_of_id=stored))
        elif key in first_index:
            decisions.append(Decision(story, copy_of_index=first_index[key]))
        else:
            first_index[key] = index
            decisions.append(Decision(story))
    return decisions
