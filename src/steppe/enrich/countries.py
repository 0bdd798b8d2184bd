"""Which countries a story is about, with a weight for each.

Every mention of a country name, demonym, city, person or organisation counts for its
country, more in the headline and lead; a dateline counts most. The primary countries
are those close to the top score; the story keeps, after them, every country with at
least the weight of one plain mention of its name.
"""

from __future__ import annotations

from collections import defaultdict

from steppe.enrich.matching import Mention

ZONE_WEIGHT = {"dateline": 1.0, "headline": 3.0, "lead": 2.0, "body": 1.0}
DATELINE_BONUS = 4.0  # the place a story was filed from outweighs several mentions
PRIMARY_RATIO = 0.4  # primary: at least this share of the top score
CONFIRMED_WEAK = 1.0  # a weak name (Georgia) once another mention confirms its country
KEEP_SCORE = 1.0  # kept on the story: at least one plain mention of the country's name


def score_countries(mentions: list[Mention]) -> dict[str, float]:
    """Raw evidence per country (ISO alpha-2) from settled mentions."""
    score: dict[str, float] = defaultdict(float)
    confirmed = {t.country for m in mentions for t in m.targets if t.country and not t.weak}
    dateline_done = False
    for mention in mentions:
        strength: dict[str, float] = {}
        for target in mention.targets:
            if target.country:
                weight = CONFIRMED_WEAK if target.weak and target.country in confirmed else target.weight
                strength[target.country] = max(strength.get(target.country, 0.0), weight)
        for country, weight in strength.items():
            score[country] += weight * ZONE_WEIGHT[mention.zone]
        if mention.zone == "dateline" and strength and not dateline_done:
            score[max(strength, key=strength.__getitem__)] += DATELINE_BONUS
            dateline_done = True
    return dict(score)


def normalise(score: dict[str, float]) -> dict[str, float]:
    """Scores as shares summing to 1, largest first."""
    total = sum(score.values())
    if not total:
        return {}
    ordered = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    return {country: round(value / total, 4) for country, value in ordered}


def primary(score: dict[str, float]) -> tuple[str, ...]:
    """The countries a story is mainly about, strongest first."""
    return _above(score, PRIMARY_RATIO)


def kept(score: dict[str, float]) -> tuple[str, ...]:
    """The countries recorded on the story: primary first, then the others above threshold."""
    if not score:
        return ()
    floor = min(KEEP_SCORE, max(score.values()))
    return tuple(c for c, value in _ordered(score) if value >= floor)


def _above(score: dict[str, float], ratio: float) -> tuple[str, ...]:
    if not score:
        return ()
    top = max(score.values())
    return tuple(c for c, value in _ordered(score) if value >= ratio * top)


def _ordered(score: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
