"""An in-memory cluster index with the store's behaviour, for benchmarks and pure tests.

Postings are kept per key and per day, so a window's frequency is a sum over seven
lists' lengths and a look-up touches only the postings of the story's rarest keys. LSH
band postings are kept per day too: a near-copy look-up reads only its window.

A long benchmark run can ``forget_before`` a day once stories arrive well past it: memory
then stays flat however many stories go through, and a look-up that would reach a forgotten
day raises instead of answering with less than the store would.

A posting is a ``bytearray`` of 8-byte story ids in dictionaries of plain dicts: none of them
is an object Python's cycle collector tracks. With a list per key and day (a million or so
in a long run) every full collection walked them all, and the collector's share of each
story's cost grew through a run (75 -> 300 us a story over 300,000 stories).
"""

from __future__ import annotations

import heapq
import struct
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from steppe.cluster.assign import Candidate
from steppe.cluster.decide import copy_candidate, file_story
from steppe.cluster.features import StoryFeatures
from steppe.cluster.nearcopy import CopyCandidate, pack_signature, unpack_signature


class MemoryIndex:
    """The cluster index in dictionaries: same answers as ``store.cluster_index``, no database."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[int, bytearray]] = {}
        self._per_day: Counter[int] = Counter()
        self._bands: dict[int, dict[int, bytearray]] = {}
        self._stories: dict[int, tuple[int, StoryFeatures]] = {}
        self._signatures: dict[int, bytes] = {}
        self._day_entries: dict[int, tuple[list[int], set[str], set[int]]] = {}  # day -> story ids, keys, bands
        self._horizon: int | None = None  # days before this one are forgotten

    def add(self, story_id: int, cluster_id: int, features: StoryFeatures) -> None:
        """Index a placed story (its keys carry the weights it was placed with)."""
        self._signatures[story_id] = pack_signature(features.signature)  # 512 bytes, not 128 int objects
        self._stories[story_id] = (cluster_id, replace(features, signature=(), bands=()))
        self._check(features.day, features.day)
        self._per_day[features.day] += 1
        ids, keys, bands = self._day_entries.setdefault(features.day, ([], set(), set()))
        ids.append(story_id)
        for key in features.lookup_keys():
            _post(self._postings, key, features.day, story_id)
            keys.add(key)
        for band in set(features.bands):
            _post(self._bands, band, features.day, story_id)
            bands.add(band)

    def forget_before(self, day: int) -> None:
        """Drop every story of the days before ``day``; look-ups reaching those days raise ValueError."""
        for old in [d for d in self._day_entries if d < day]:
            ids, keys, bands = self._day_entries.pop(old)
            for sid in ids:
                del self._stories[sid], self._signatures[sid]
            _unpost(self._postings, keys, old)
            _unpost(self._bands, bands, old)
            self._per_day.pop(old, None)
        self._horizon = max(day, self._horizon or day)

    def _check(self, first_day: int, last_day: int) -> None:
        if self._horizon is not None and first_day < self._horizon:
            raise ValueError(f"days before {self._horizon} are forgotten; asked from day {first_day}")

    def frequencies(self, keys: Sequence[str], first_day: int, last_day: int) -> dict[str, int]:
        """How many indexed stories of the day range hold each key."""
        self._check(first_day, last_day)
        found: dict[str, int] = {}
        for key in keys:
            days = self._postings.get(key)
            if days:
                n = sum(len(days.get(day, b"")) for day in range(first_day, last_day + 1)) // _ID.size
                if n:
                    found[key] = n
        return found

    def count(self, first_day: int, last_day: int) -> int:
        """How many indexed stories fall in the day range."""
        self._check(first_day, last_day)
        return sum(self._per_day.get(day, 0) for day in range(first_day, last_day + 1))

    def near(self, keys: Sequence[str], first_day: int, last_day: int, *, limit: int) -> list[Candidate]:
        """The stories of the day range sharing most of these keys (at most ``limit``)."""
        self._check(first_day, last_day)
        ranked = _sharing_most(self._postings, keys, first_day, last_day, limit)
        return [Candidate(sid, self._stories[sid][0], self._stories[sid][1]) for sid in ranked]

    def copies(self, bands: Sequence[int], first_day: int, last_day: int, *, limit: int) -> list[CopyCandidate]:
        """The stories of the day range sharing most LSH bands with a signature (at most ``limit``), by id."""
        self._check(first_day, last_day)
        return [self._copy(sid) for sid in sorted(_sharing_most(self._bands, set(bands), first_day, last_day, limit))]

    def _copy(self, story_id: int) -> CopyCandidate:
        cluster_id, features = self._stories[story_id]
        signature = unpack_signature(self._signatures[story_id])
        return copy_candidate(story_id, cluster_id, replace(features, signature=signature))

    def cluster_of(self, story_id: int) -> int:
        """The cluster a story was placed in."""
        return self._stories[story_id][0]


_ID = struct.Struct("=q")  # a story id in a posting (native order: read back by memoryview.cast("q"))

K = TypeVar("K", bound=Hashable)  # what postings are kept under: a key (str) or a band hash (int)
Postings = dict[K, dict[int, bytearray]]  # name -> day -> packed story ids


def _post(table: Postings[K], name: K, day: int, story_id: int) -> None:
    """Append a story id to the posting of ``name`` on ``day``."""
    days = table.get(name)
    if days is None:
        days = table[name] = {}
    posting = days.get(day)
    if posting is None:
        posting = days[day] = bytearray()
    posting += _ID.pack(story_id)


def _unpost(table: Postings[K], names: Iterable[K], day: int) -> None:
    """Drop the postings of ``names`` on ``day``, and a name's entry once it has no day left."""
    for name in names:
        days = table[name]
        days.pop(day, None)
        if not days:
            del table[name]


def _sharing_most(postings: Postings[K], names: Iterable[K], first_day: int, last_day: int, limit: int) -> list[int]:
    """The ids posted under most of ``names`` in the day range (at most ``limit``; ties: newest id first)."""
    shared: Counter[int] = Counter()
    for name in names:
        days = postings.get(name)
        if days:
            for day in range(first_day, last_day + 1):
                posting = days.get(day)
                if posting:
                    shared.update(memoryview(posting).cast("q"))  # the view goes before the next append
    return [sid for sid, _ in heapq.nsmallest(limit, shared.items(), key=lambda item: (-item[1], -item[0]))]


def cluster_in_memory(stories: Iterable[StoryFeatures], fold_word: Callable[[str], str]) -> list[int]:
    """Run the stage over features in arrival order; each story's cluster id (a copy gets its original's).

    A new cluster takes the id of the story that opened it. Used by the benchmark and tests.
    """
    index = MemoryIndex()
    labels: list[int] = []
    for story_id, features in enumerate(stories):
        filing = file_story(features, index, fold_word)
        if filing.copy_of is not None:
            labels.append(index.cluster_of(filing.copy_of.story_id))
            continue
        placement = filing.placement
        assert placement is not None  # file_story places every story that is not a copy
        cluster_id = story_id if placement.cluster_id is None else placement.cluster_id
        index.add(story_id, cluster_id, placement.features)
        labels.append(cluster_id)
    return labels
