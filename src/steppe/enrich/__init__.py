"""The enrich stage: language, countries, entities, figures and topics of a story.

Pure: a Story in, a Story out, no network and no database. The gazetteer and the
language model load once per process, on first use.

    enrich(story)          -> the story with language, countries, entities, figures, topics
    fold(text)             -> the matching key search and clustering share (Токаев = Tokayev)
    country_weights(story) -> every country mentioned, with its share of the evidence
    primary_countries(story) -> the countries the story is mainly about
"""

from __future__ import annotations

from dataclasses import replace

from steppe.enrich import countries
from steppe.enrich.entities import rank_entities, resolve_people
from steppe.enrich.figures import find_figures
from steppe.enrich.gazetteer import gazetteer
from steppe.enrich.matching import Mention, scan
from steppe.enrich.segments import zones
from steppe.enrich.topics import find_topics
from steppe.models import Story
from steppe.text.fold import fold
from steppe.text.language import detect_language

__all__ = ["enrich", "fold", "country_weights", "primary_countries", "mentions"]


def mentions(story: Story) -> list[Mention]:
    """Every gazetteer name in the story, zone by zone, shared surnames settled."""
    gaz = gazetteer()
    parts = zones(story)
    found: list[Mention] = []
    for zone, text in parts:
        hits = scan(gaz, text, zone, start=len(found))
        if zone == "dateline" and not any(t.country for m in hits for t in m.targets):
            return _without_dateline(story)  # "UN, EU discuss ..." starts a sentence, not a dateline
        found.extend(hits)
    return resolve_people(gaz, found)


def _without_dateline(story: Story) -> list[Mention]:
    gaz = gazetteer()
    found: list[Mention] = []
    for zone, text in zones(story, with_dateline=False):
        found.extend(scan(gaz, text, zone, start=len(found)))
    return resolve_people(gaz, found)


def country_weights(story: Story) -> dict[str, float]:
    """Every country mentioned in the story with its share of the evidence (shares sum to 1)."""
    return countries.normalise(countries.score_countries(mentions(story)))


def primary_countries(story: Story) -> tuple[str, ...]:
    """The countries the story is mainly about, strongest first."""
    return countries.primary(countries.score_countries(mentions(story)))


def enrich(story: Story) -> Story:
    """The story with language, countries, entities, figures and topics filled in."""
    found = mentions(story)
    language = story.language or detect_language(f"{story.headline}\n{story.text}")
    return replace(
        story,
        language=language,
        countries=countries.kept(countries.score_countries(found)),
        entities=rank_entities(gazetteer(), found),
        figures=find_figures(story.text),
        topics=find_topics(story.headline, story.text),
    )
