"""People, organisations and places with ids shared across scripts and case forms."""

from __future__ import annotations

import pytest

from steppe.enrich import enrich
from steppe.models import Story


def ids(headline: str, text: str = "", language: str | None = None) -> list[str]:
    story = Story(url="https://example.test/a", site="example.test", headline=headline, text=text, language=language)
    return [e.id for e in enrich(story).entities]


TOKAYEV = "person:kassym-jomart-tokayev"


@pytest.mark.parametrize(
    "text",
    [
        "President Kassym-Jomart Tokayev spoke.",
        "Tokayev spoke.",
        "Tokaev spoke.",
        "Toqaev spoke.",
        "Касым-Жомарт Токаев выступил.",
        "Выступление Токаева.",
        "Встреча с Токаевым.",
        "Қасым-Жомарт Тоқаев сөз сөйледі.",
        "Тоқаевтың сөзі.",
    ],
)
def test_tokayev_in_cyrillic_and_latin_share_an_id(text: str) -> None:
    assert TOKAYEV in ids("", text)


def test_entity_has_english_display_name() -> None:
    story = Story(url="u", site="s", headline="Встреча с Мирзиёевым", text="", language="ru")
    people = enrich(story).people
    assert [(p.id, p.name) for p in people] == [("person:shavkat-mirziyoyev", "Shavkat Mirziyoyev")]


def test_shared_surname_follows_the_full_name() -> None:
    text = "Гурбангулы Бердымухамедов встретился с делегацией. Бердымухамедов отметил успехи."
    found = ids("", text)
    assert "person:gurbanguly-berdimuhamedov" in found
    assert "person:serdar-berdimuhamedov" not in found


def test_shared_surname_alone_means_the_incumbent() -> None:
    assert "person:sadyr-japarov" in ids("Japarov signs a decree")
    assert "person:akylbek-japarov" not in ids("Japarov signs a decree")


@pytest.mark.parametrize(
    "text, org",
    [
        ("The National Bank of Kazakhstan kept its base rate.", "org:nbk"),
        ("Национальный банк Казахстана сохранил ставку.", "org:nbk"),
        ("Решение Национального банка Казахстана.", "org:nbk"),
        ("NBK kept the rate.", "org:nbk"),
        ("The SCO summit opens.", "org:sco"),
        ("Саммит ШОС открылся.", "org:sco"),
        ("Страны ОДКБ провели учения.", "org:csto"),
        ("ЕАЭС расширяется.", "org:eaeu"),
        ("The Asian Development Bank approved a loan.", "org:adb"),
        ("Кредит Всемирного банка.", "org:world-bank"),
        ("Строительство Рогунской ГЭС продолжается.", "org:rogun-hpp"),
        ("KazMunayGas reported profits.", "org:kazmunaygas"),
        ("Фонд «Самрук-Казына» отчитался.", "org:samruk-kazyna"),
    ],
)
def test_organisations_are_found_in_any_form(text: str, org: str) -> None:
    assert org in ids("", text)


def test_places_are_entities_with_country_ids() -> None:
    found = ids("", "Делегация прибыла в Бишкек, затем в Ош и Алматы.")
    assert {"place:bishkek", "place:osh", "place:almaty"} <= set(found)


def test_renamed_capital_is_the_same_place() -> None:
    assert ids("", "Nur-Sultan hosted the forum.") == ids("", "Astana hosted the forum.")


def test_most_prominent_entity_comes_first() -> None:
    found = ids("Putin visits Astana", "Vladimir Putin arrived. Tokayev greeted him. Tokayev spoke.")
    assert found[0] == "person:vladimir-putin"
