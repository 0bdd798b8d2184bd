"""People, organisations and places in a story, with ids shared across languages.

Mentions come from the gazetteer matcher; this module settles shared surnames
(Japarov, Berdimuhamedov) and ranks the entities by how prominently they appear.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from steppe.enrich.gazetteer import Gazetteer
from steppe.enrich.matching import Mention
from steppe.models import Entity

ZONE_WEIGHT = {"dateline": 3.0, "headline": 3.0, "lead": 2.0, "body": 1.0}
ENTITY_KINDS = ("person", "organization", "place")


def resolve_people(gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Settle surnames shared by several people: a full-name mention wins, else the default."""
    named = {t.id for m in mentions for t in m.targets if t.kind == "person" and not t.surname}
    settled = []
    for mention in mentions:
        people = [t for t in mention.targets if t.kind == "person"]
        if len({t.id for t in people}) > 1:
            chosen = [t for t in people if t.id in named] or [t for t in people if t.id in gaz.surname_default]
            others = [t for t in mention.targets if t.kind != "person"]
            mention = replace(mention, targets=tuple(others + chosen[:1]))
        settled.append(mention)
    return settled


def rank_entities(gaz: Gazetteer, mentions: list[Mention]) -> tuple[Entity, ...]:
    """The story's entities, most prominent first (then in order of first mention)."""
    score: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for mention in mentions:
        for entity_id in {t.id for t in mention.targets if t.kind in ENTITY_KINDS}:
            score[entity_id] += ZONE_WEIGHT[mention.zone]
            first.setdefault(entity_id, mention.order)
    ranked = sorted(score, key=lambda e: (-score[e], first[e]))
    return tuple(gaz.entities[e] for e in ranked)
