"""The gazetteer: countries, places, people and organisations, loaded once.

Data lives in ``steppe/data/gazetteer/*.json``; this module turns it into lookup
tables keyed by folded, case-normalised words (see ``fold`` and ``inflection``):

- ``phrases[script]``: tuple of lemma keys -> the names they may stand for;
- ``first[script]``: the first key of each phrase -> the longest phrase starting with it;
- ``exact``: acronyms matched only as written (US, ШОС), never folded.

Phrases are kept per script: Latin words in a story only meet names written in Latin
(so English "oral" and "Mary" never meet the Kazakh Орал or Turkmen Мары), except
people's names, which are the point of cross-script folding and sit in both tables.

``gazetteer()`` builds the tables on first use and keeps them for the process.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from steppe.enrich.inflection import Inflector, script_of
from steppe.models import Entity
from steppe.text.tokens import words

# How strongly a mention of each kind says "this story is about that country".
WEIGHTS = {"name": 1.0, "adjective": 0.6, "weak": 0.3, "capital": 0.9, "place": 0.8, "person": 1.0, "organization": 0.5}


@dataclass(frozen=True)
class Target:
    """What a gazetteer name stands for."""

    kind: str  # country | place | person | organization
    id: str  # ISO alpha-2 for countries, entity id otherwise
    country: str | None  # the country a mention counts for
    weight: float  # strength of a mention as evidence for ``country``
    needs_capital: bool = False  # proper names must be capitalised in the text (china, turkey)
    surname: bool = False  # a person named by surname alone (may be ambiguous)
    weak: bool = False  # a name that often means something else (Georgia): trusted once confirmed


@dataclass
class Gazetteer:
    """Lookup tables built from the data files."""

    inflector: Inflector
    phrases: dict[str, dict[tuple[str, ...], list[Target]]] = field(
        default_factory=lambda: {"latin": {}, "cyrillic": {}}
    )
    first: dict[str, dict[str, int]] = field(default_factory=lambda: {"latin": {}, "cyrillic": {}})
    exact: dict[str, list[Target]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    surname_default: set[str] = field(default_factory=set)

    def key(self, text: str) -> tuple[str, ...]:
        """The lemma keys of a name, as the matcher sees them."""
        return tuple(self.inflector.canonical(w) for w in words(text))


def _read(name: str) -> dict[str, Any]:
    path = resources.files("steppe").joinpath("data", "gazetteer", name)
    table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # the data files are JSON objects
    return table


def _is_latin_name(form: str) -> bool:
    return script_of(form) == "latin"


# Names must be capitalised in the text; adjectives and demonyms (казахстанский, oʻzbek)
# need not be, except English ones, which always are.
def _country_forms(code: str, data: dict[str, Any]) -> Iterator[tuple[str, Target, bool]]:
    """(form, target, inflectable) for one country."""
    groups = (
        ("en", "name", False),
        ("en_adj", "adjective", False),
        ("weak", "weak", False),
        ("ru", "name", True),
        ("ru_adj", "adjective", True),
        ("local", "name", True),
        ("local_adj", "adjective", True),
    )
    for group, strength, inflects in groups:
        for form in data.get(group, []):
            cap = strength != "adjective" or group == "en_adj"
            yield form, Target("country", code, code, WEIGHTS[strength], cap, weak=strength == "weak"), inflects


def _place_forms(place: dict[str, Any]) -> Iterator[tuple[str, Target, bool]]:
    weight = WEIGHTS["capital" if place.get("capital") else "place"]
    # Place names take Uzbek/Turkmen/Kazakh Latin endings too (Toshkentda, Astanada).
    for group, inflects in (("en", True), ("ru", True), ("local", True)):
        for form in place.get(group, []):
            yield form, Target("place", place["id"], place["country"], weight, True), inflects


# Person and organisation names inflect only in Cyrillic: their Latin forms are English.
def _person_forms(person: dict[str, Any]) -> Iterator[tuple[str, Target, bool]]:
    country, pid = person.get("country"), person["id"]
    for form in person.get("full", []):
        yield form, Target("person", pid, country, WEIGHTS["person"], True), not _is_latin_name(form)
    for form in person.get("surnames", []):
        yield form, Target("person", pid, country, WEIGHTS["person"], True, True), not _is_latin_name(form)


def _org_forms(org: dict[str, Any]) -> Iterator[tuple[str, Target, bool]]:
    for form in org.get("names", []):
        latin = _is_latin_name(form)
        yield form, Target("organization", org["id"], org.get("country"), WEIGHTS["organization"], latin), not latin


def _all_forms(gaz: Gazetteer) -> tuple[list[tuple[str, Target, bool]], list[tuple[str, Target]]]:
    """Every (form, target, inflectable) pair and every exact acronym, registering entities."""
    forms: list[tuple[str, Target, bool]] = []
    exact: list[tuple[str, Target]] = []
    for code, data in _read("countries.json").items():
        if code.startswith("_"):
            continue
        gaz.country_names[code] = data["name"]
        forms.extend(_country_forms(code, data))
        exact.extend((a, Target("country", code, code, WEIGHTS["name"])) for a in data.get("acronyms", []))
    for place in _read("places.json")["places"]:
        gaz.entities[place["id"]] = Entity("place", place["id"], place["name"])
        forms.extend(_place_forms(place))
    for person in _read("people.json")["people"]:
        gaz.entities[person["id"]] = Entity("person", person["id"], person["name"])
        if person.get("surname_default"):
            gaz.surname_default.add(person["id"])
        forms.extend(_person_forms(person))
        exact.extend(
            (a, Target("person", person["id"], person.get("country"), WEIGHTS["person"]))
            for a in person.get("exact", [])
        )
    for org in _read("organizations.json")["organizations"]:
        gaz.entities[org["id"]] = Entity("organization", org["id"], org["name"])
        forms.extend(_org_forms(org))
        exact.extend(
            (a, Target("organization", org["id"], org.get("country"), WEIGHTS["organization"]))
            for a in org.get("acronyms", [])
        )
    return forms, exact


def _register_words(inflector: Inflector, forms: list[tuple[str, Target, bool]]) -> None:
    """Teach the inflector every inflectable word: single-word names first, then the rest."""
    single = [f for f, _, inflects in forms if inflects and len(words(f)) == 1]
    multi = [w for f, _, inflects in forms if inflects and len(words(f)) > 1 for w in words(f)]
    for word in single + multi:
        inflector.register(word)


def build() -> Gazetteer:
    """Build the lookup tables from the data files (use ``gazetteer()`` for the cached one)."""
    gaz = Gazetteer(Inflector(_read("endings.json")))
    forms, exact = _all_forms(gaz)
    _register_words(gaz.inflector, forms)
    for form, target, _ in forms:
        key = gaz.key(form)
        if not key:
            continue
        scripts = ("latin", "cyrillic") if target.kind == "person" else (script_of(form),)
        for script in scripts:
            bucket = gaz.phrases[script].setdefault(key, [])
            if target not in bucket:
                bucket.append(target)
            first = gaz.first[script]
            first[key[0]] = max(first.get(key[0], 0), len(key))
    for acronym, target in exact:
        gaz.exact.setdefault(acronym, []).append(target)
    return gaz


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return build()
