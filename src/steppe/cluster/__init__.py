"""Cluster stage: decide, for each new story, whether it is a copy of one already known.

Pure: the stage receives the stories of a batch and a function that answers
"which stored story has this content hash?"; it returns decisions, and the
pipeline writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..models import Story


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
