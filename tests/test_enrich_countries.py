"""Country tagging: names, demonyms, cities and people, in any case form, weighted by place."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steppe.enrich import country_weights, enrich, primary_countries
from steppe.models import Story


def story(headline: str, text: str = "", language: str | None = "en") -> Story:
    return Story(url="https://example.test/a", site="example.test", headline=headline, text=text, language=language)


@pytest.mark.parametrize(
    "text",
    [
        "Инвестиции в экономику Казахстана выросли.",
        "В Казахстане открыли новый завод.",
        "Соглашение с Казахстаном подписано.",
        "Делегация казахстанской компании прибыла.",
        "Казахстанские экспортёры довольны.",
        "Число казахстанцев за рубежом растёт.",
    ],
)
def test_russian_inflection_of_country_names_is_tagged(text: str) -> None:
    assert primary_countries(story("Новости", text, "ru")) == ("KZ",)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Переговоры с Китаем прошли успешно.", "CN"),
        ("Экспорт в Китай вырос.", "CN"),
        ("Товары из Китая подорожали.", "CN"),
        ("Президент Киргизии выступил.", "KG"),
        ("Визит в Кыргызстан состоялся.", "KG"),
        ("Туркмении предложили проект.", "TM"),
        ("Қазақстанда жаңа зауыт ашылды.", "KZ"),
        ("Oʻzbekistonda yangi zavod ochildi.", "UZ"),
        ("Тоҷикистон ва Хитой шартнома имзо карданд.", "TJ"),
        ("Türkmenistanyň Prezidenti çykyş etdi.", "TM"),
    ],
)
def test_case_forms_in_russian_and_local_languages_are_tagged(text: str, country: str) -> None:
    assert country in country_weights(story("", text, None))


@pytest.mark.parametrize(
    "headline, text, expected",
    [
        ("Market report", "ASTANA — The tenge firmed on Monday as oil prices rose.", "KZ"),
        ("Курс валют", "БИШКЕК, 25 ноября. Сом укрепился к доллару.", "KG"),
        ("Water talks", "Dushanbe, 3 March (Asia-Plus) — Officials met to discuss irrigation.", "TJ"),
        ("Cotton harvest", "TASHKENT (Reuters) - Farmers finished the harvest early.", "UZ"),
    ],
)
def test_dateline_sets_primary_country(headline: str, text: str, expected: str) -> None:
    assert primary_countries(story(headline, text))[0] == expected


def test_dateline_outweighs_a_passing_mention() -> None:
    text = "ALMATY — Kazakh traders said Russian demand for grain fell this month."
    assert primary_countries(story("Grain prices slip", text)) == ("KZ",)


def test_headline_counts_more_than_body() -> None:
    text = "Officials said the deal would follow. A Chinese delegation is expected. Mongolia's partners watched."
    weights = country_weights(story("Kyrgyzstan signs power deal", text))
    assert max(weights, key=weights.get) == "KG"


def test_word_boundaries_and_lowercase_words_do_not_tag() -> None:
    text = "Chinara said the turkey and fine china were sold in Indiana. Indian summer."
    weights = country_weights(story("Village fair", text))
    assert "CN" not in weights and "TR" not in weights
    assert "IN" in weights  # "Indian" is a demonym; "Indiana" is not India


def test_organisation_names_hide_the_places_inside_them() -> None:
    weights = country_weights(story("Shanghai Cooperation Organisation meets", ""))
    assert "CN" not in weights


def test_acronyms_match_only_as_written() -> None:
    assert "US" in country_weights(story("US and Kazakhstan sign deal"))
    assert "US" not in country_weights(story("Kazakhstan told us about the deal"))


def test_people_count_for_their_country() -> None:
    assert primary_countries(story("Mirziyoyev opens a plant")) == ("UZ",)


def test_story_countries_put_primary_first_and_keep_named_neighbours() -> None:
    text = (
        "BISHKEK — Kyrgyzstan will build a new railway to the border, the cabinet said. "
        "Kyrgyz officials said trains would run by 2027. Freight from China will use it."
    )
    enriched = enrich(story("Kyrgyzstan plans a railway", text))
    assert enriched.countries[0] == "KG"
    assert "CN" in enriched.countries


def test_weights_are_shares() -> None:
    weights = country_weights(story("Kazakhstan and Uzbekistan agree", "Tashkent hosted the talks."))
    assert set(weights) == {"KZ", "UZ"}
    assert abs(sum(weights.values()) - 1) < 0.001


def test_story_without_countries_gets_none() -> None:
    assert enrich(story("Weather", "It rained all day.")).countries == ()


@pytest.mark.parametrize(
    "text, country",
    [
        ("Кыргызстандын президенти Бишкекте сүйлөдү.", "KG"),
        ("Қазақстанның Президенті Астанада кездесті.", "KZ"),
        ("Тошкентда Ўзбекистон Президенти нутқ сўзлади.", "UZ"),
        ("Ashgabat, 12 December (Orient) — Türkmenistanyň Prezidenti çykyş etdi.", "TM"),
        ("Душанбе. Президенти Тоҷикистон суханронӣ кард.", "TJ"),
    ],
)
def test_local_language_stories_are_tagged(text: str, country: str) -> None:
    assert primary_countries(story("", text, None))[0] == country


def test_sentence_starting_with_acronyms_is_not_a_dateline() -> None:
    enriched = enrich(story("", "UN, EU discuss Afghanistan aid."))
    assert {"org:un", "org:eu"} <= {e.id for e in enriched.entities}


@pytest.mark.parametrize(
    "text",
    [
        "Oral health matters: brush twice a day.",  # not Oral (Uralsk) in Kazakhstan
        "Mary said the recipe came from her mother.",  # not Mary in Turkmenistan
        "Проголосовать за Марию можно на сайте.",  # Марию is not a case form of Мары
        "OSH rules apply to every workplace.",  # occupational safety, not Osh
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert enrich(story("Notes", text)).countries == ()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.text(max_size=80))
def test_any_text_enriches_without_error(text: str, headline: str) -> None:
    enriched = enrich(Story(url="u", site="s", headline=headline, text=text))
    weights = country_weights(enriched)
    assert set(enriched.countries) <= set(weights)
    assert all(len(code) == 2 for code in enriched.countries)
    assert 0 <= len(enriched.topics) <= 3
