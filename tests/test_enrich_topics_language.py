"""Topics from the fixed taxonomy, and language detection for stories without one."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from steppe.enrich import enrich
from steppe.enrich.topics import find_topics
from steppe.models import Story
from steppe.text.language import detect_language

TAXONOMY = {
    "politics",
    "diplomacy",
    "economy-and-trade",
    "finance",
    "energy",
    "mining",
    "health",
    "science-and-technology",
    "space",
    "rights-and-society",
    "security",
    "environment",
    "culture",
    "sport",
}


def test_topic_data_is_the_fixed_taxonomy() -> None:
    raw = json.loads(resources.files("steppe").joinpath("data", "gazetteer", "topics.json").read_text("utf-8"))
    assert set(raw["topics"]) == TAXONOMY


@pytest.mark.parametrize(
    "headline, text, topic",
    [
        (
            "Нацбанк сохранил базовую ставку",
            "Национальный банк сохранил базовую ставку. Инфляция замедлилась, курс тенге укрепился.",
            "finance",
        ),
        (
            "Kazakhstan and Mongolia sign satellite deal",
            "They agreed to launch a communications satellite from Baikonur.",
            "space",
        ),
        ("Rogun dam gets funding", "The hydropower plant will add 3,600 MW of electricity to the grid.", "energy"),
        ("Копейка", "Строительство медного рудника и золотодобыча на месторождении выросли.", "mining"),
        ("Measles outbreak in Bishkek", "Doctors urged parents to vaccinate children as hospitals filled.", "health"),
        ("Президент подписал указ", "Парламент одобрил законопроект о выборах, депутаты проголосовали.", "politics"),
        ("Kyrgyzstan wins boxing gold", "The boxer won the championship final in Tashkent.", "sport"),
        (
            "Trade turnover grows",
            "Exports and imports rose; freight transit via the railway doubled.",
            "economy-and-trade",
        ),
        (
            "Leaders hold talks",
            "The presidents met for bilateral talks during a state visit; the ambassador attended.",
            "diplomacy",
        ),
        ("Border clash", "Troops exchanged fire; the military said drones attacked a border post.", "security"),
        ("Aral Sea drought", "Climate change and drought dried the sea, ecologists said.", "environment"),
        (
            "Journalist detained",
            "Rights groups said the journalist was arrested after a protest.",
            "rights-and-society",
        ),
        ("Film festival opens", "The festival shows films and hosts concerts at the museum.", "culture"),
        (
            "Startup hub opens",
            "The digital technology park hosts software startups and AI research.",
            "science-and-technology",
        ),
    ],
)
def test_topic_of_a_clear_story(headline: str, text: str, topic: str) -> None:
    topics = find_topics(headline, text)
    assert topic in topics
    assert 1 <= len(topics) <= 3


def test_story_without_signal_has_no_topic() -> None:
    assert find_topics("Notice", "See you tomorrow.") == ()


@pytest.mark.parametrize(
    "text, language",
    [
        ("Президент Казахстана провёл совещание с членами правительства по вопросам экономики.", "ru"),
        ("The president of Kazakhstan held a meeting with the government on the economy.", "en"),
        ("Президент Тоқаев Астанада шетелдік инвесторлармен кездесті.", "kk"),
        ("Oʻzbekiston Respublikasi Prezidenti yangi qarorni imzoladi.", "uz"),
        ("Türkmenistanyň Prezidenti Serdar Berdimuhamedow çykyş etdi.", "tk"),
    ],
)
def test_language_is_detected_when_missing(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_known_language_is_kept() -> None:
    story = Story(url="u", site="s", headline="Новости", text="Короткий текст.", language="kk")
    assert enrich(story).language == "kk"


def test_empty_text_has_no_language() -> None:
    assert detect_language("  12 345 ") is None


def test_everyday_words_do_not_make_topics() -> None:
    text = (
        "The method and its details were decreased in the centre, less than before; "
        "и в центре города, и друг, и партнёр, и лидер-тестер."
    )
    assert find_topics("A note", text) == ()
