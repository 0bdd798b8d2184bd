"""Story clusters: which known cluster a new story joins, found from a few candidates only.

The index (in the store, or in memory for benchmarks) hands over a *neighbourhood*: the
stored stories of the time window that share the story's rarest keys, the document
frequency of each of its keys in the window and the number of stories in it. Nothing else
is ever compared.

Similarity is a cosine over keys weighted by kind (people, organisations and money figures
count most) times rarity in the window, ``1 + ln((n + 1) / (df + 1))``: a shared Tokayev or
$5.9 billion says more than a shared Almaty. A candidate's weights are the ones it was given
when it was placed, so the store never recomputes them. The score fades with the distance
in days, and is zero beyond the window.

A story joins the best-scoring cluster (average similarity to the cluster's candidate members)
at ``MERGE_THRESHOLD`` or above. The thresholds were set on tests/samples/cluster (pairwise
cross-language F1 peaks between 0.44 and 0.52) and checked on three other generations of it.
A story that mentions an event in passing shares only a small part of its keys with it and
scores lower: between ``RELATED_THRESHOLD`` and the merge threshold it is only *related*.

Placement is final: clusters are never merged or split afterwards, so a story that would
bridge two clusters joins the better one. Two workers placing stories of one event at the
same instant may each open a cluster (no lock is taken); the next story joins one of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from steppe.cluster.features import COUNTRY_WEIGHT, StoryFeatures

WINDOW_DAYS = 3  # a story may join a cluster whose stories are at most this many days away
MERGE_THRESHOLD = 0.5
RELATED_THRESHOLD = 0.25
LOOKUP_KEYS = 8  # the rarest keys of a story that candidates are looked up by
LOOKUP_MAX_SHARE = 0.02  # a key held by more of the window's stories than this finds too many to be useful
LOOKUP_MIN_CAP = 50
MAX_CANDIDATES = 16
WEIGHT_DECIMALS = 4
_DAY_FACTOR = {0: 1.0, 1: 1.0, 2: 0.9, 3: 0.8}


@dataclass(frozen=True)
class Candidate:
    """A stored story near a new one, with the cluster it belongs to."""

    story_id: int
    cluster_id: int
    features: StoryFeatures  # keys carry the weights given when it was placed


@dataclass(frozen=True)
class Neighbourhood:
    """What the index knows around a new story: candidates and key frequencies in the window."""

    candidates: tuple[Candidate, ...] = ()
    frequency: dict[str, int] = field(default_factory=dict)  # key -> stories in the window holding it
    stories: int = 0  # stories in the window


@dataclass(frozen=True)
class Placement:
    """Where a new story goes: a known cluster (or a new one), and the clusters it only relates to."""

    features: StoryFeatures  # the story's features with their final weights, to be indexed
    cluster_id: int | None  # None: start a new cluster
    score: float = 0.0
    related: tuple[tuple[int, float], ...] = ()  # (cluster id, score), best first


def rarity(frequency: int, stories: int) -> float:
    """The smoothed inverse document frequency of a key held by ``frequency`` of ``stories`` stories."""
    return 1.0 + math.log((stories + 1) / (frequency + 1))


def weigh(features: StoryFeatures, frequency: dict[str, int], stories: int) -> StoryFeatures:
    """The features with each key's kind weight multiplied by its rarity in the window.

    Weights are rounded to WEIGHT_DECIMALS: the index keeps them as text, and a fifth decimal
    never decides a cosine against thresholds set to two.
    """
    weighted = {}
    for key, base in features.keys.items():
        if key.startswith("c:"):
            weighted[key] = COUNTRY_WEIGHT  # countries are few and common: no rarity factor
        else:
            weighted[key] = round(base * rarity(frequency.get(key, 0), stories), WEIGHT_DECIMALS)
    return replace(features, keys=weighted, norm=norm_of(weighted))


def norm_of(keys: dict[str, float]) -> float:
    """The Euclidean length of a weighted key vector."""
    return math.sqrt(sum(w * w for w in keys.values()))


def lookup_keys(features: StoryFeatures, frequency: dict[str, int], stories: int) -> list[str]:
    """The rarest keys of a story that other stories of the window hold: the ones candidates are looked up by.

    A key no one holds finds nothing; a key most stories hold (a capital city, a round number)
    finds everything and decides little, so the look-up cost stays flat as the window fills.
    """
    cap = max(LOOKUP_MIN_CAP, int(stories * LOOKUP_MAX_SHARE))
    keys = [k for k in features.lookup_keys() if 0 < frequency.get(k, 0) <= cap]
    keys.sort(key=lambda k: (frequency[k], -features.keys[k], k))
    return keys[:LOOKUP_KEYS]


def similarity(a: StoryFeatures, b: StoryFeatures) -> float:
    """Weighted cosine of two stories' keys, faded by their distance in days."""
    factor = _DAY_FACTOR.get(abs(a.day - b.day), 0.0)
    if not factor:
        return 0.0
    small, large = (a.keys, b.keys) if len(a.keys) <= len(b.keys) else (b.keys, a.keys)
    shared = sum(w * large[k] for k, w in small.items() if k in large)
    if not shared:
        return 0.0
    norm = (a.norm or norm_of(a.keys)) * (b.norm or norm_of(b.keys))
    return factor * shared / norm


def cluster_score(scores: list[float]) -> float:
    """A cluster's score: the mean similarity to its members among the candidates (average link).

    The best single member (single link) lets one story that mentions two events chain their
    clusters together; the mean does not (cross-language F1 0.952 -> 0.960 and 0.926 -> 0.934 on
    two held-out generations of the evaluation set).
    """
    return sum(scores) / len(scores)


def place(features: StoryFeatures, neighbourhood: Neighbourhood) -> Placement:
    """Decide the cluster of a new story from its neighbourhood (weights are set here)."""
    weighted = weigh(features, neighbourhood.frequency, neighbourhood.stories)
    members: dict[int, list[float]] = {}
    for candidate in neighbourhood.candidates:
        members.setdefault(candidate.cluster_id, []).append(similarity(weighted, candidate.features))
    by_cluster = {cid: cluster_score(scores) for cid, scores in members.items()}
    ranked = sorted(by_cluster.items(), key=lambda item: (-item[1], item[0]))
    if ranked and ranked[0][1] >= MERGE_THRESHOLD:
        cluster_id, score = ranked[0]
        rest = ranked[1:]
    else:
        cluster_id, score, rest = None, 0.0, ranked
    related = tuple((cid, round(s, 4)) for cid, s in rest if s >= RELATED_THRESHOLD)
    return Placement(weighted, cluster_id, score, related)


class IndexReader(Protocol):
    """What placing a story asks of an index (the store's, or ``MemoryIndex``)."""

    def frequencies(self, keys: Sequence[str], first_day: int, last_day: int) -> dict[str, int]: ...

    def count(self, first_day: int, last_day: int) -> int: ...

    def near(self, keys: Sequence[str], first_day: int, last_day: int, *, limit: int) -> list[Candidate]: ...


def neighbourhood(features: StoryFeatures, index: IndexReader) -> Neighbourhood:
    """The window around a story: key frequencies, then candidates sharing its rarest keys."""
    first, last = features.day - WINDOW_DAYS, features.day + WINDOW_DAYS
    frequency = index.frequencies(features.lookup_keys(), first, last)
    stories = index.count(first, last)
    candidates = index.near(lookup_keys(features, frequency, stories), first, last, limit=MAX_CANDIDATES)
    return Neighbourhood(tuple(candidates), frequency, stories)


def assign(features: StoryFeatures, index: IndexReader) -> Placement:
    """Place a story using only what the index returns for its window."""
    return place(features, neighbourhood(features, index))


def takes_lead(lead_language: str | None, language: str | None) -> bool:
    """Whether a joining story becomes its cluster's lead: only an English one over a non-English lead.

    The lead gives the cluster its headline; English is the desk's common language, and
    otherwise the first story keeps the lead so headlines do not change under readers.
    """
    return language == "en" and lead_language != "en"
