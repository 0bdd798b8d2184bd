"""Plain-text dumps and digests become one story per headline; a single article stays whole."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from steppe.enrich import enrich
from steppe.extract import extract
from steppe.extract.segment import is_headline_like, is_title_case, segment_lines
from steppe.models import Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)
DESIGN_DUMP = (
    """  • KGS/USD = 0.01143 -0%
  • KZT/USD = 0.00192 -0%
  • TJS/USD = 0.10820 0.19%
  • UZS/USD = 0.00008 0%
  • TMT/USD = 0.28575 0%
"""
    * 8
    + """14 December 2025
Tokayev and Khurelsukh Sign Trade and Satellite Agreements in Astana
The presidents of Kazakhstan and Mongolia met in Astana on Sunday for a state visit and signed eleven agreements.
Trade between the two countries reached $120.5 million in 2024, up from $98.2 million in 2023 and $75 million in 2022.
The leaders also agreed to build a joint communications satellite, to be launched from Baikonur in 2028.
Kyrgyzstan Secures a $150 Million Loan for the Kambarata Hydropower Plant
A regional development bank approved a loan for the first stage of the Kambarata-1 hydropower plant on the Naryn river.
Construction is expected to take six years, and the plant will export electricity to Kazakhstan and Uzbekistan.
13 декабря 2025
Узбекистан и Таджикистан открыли новый пункт пропуска на границе
На границе Узбекистана и Таджикистана в субботу открылся новый автомобильный пункт пропуска.
По словам пограничников, он сможет пропускать до пяти тысяч человек и тысячи грузовиков в сутки.
Kazakhstan and Mongolia Detail the Joint Satellite Deal
Officials in Ulaanbaatar said the satellite deal signed in Astana covers design, launch and ground stations.
Engineers from both countries will share the work on the satellite, which will serve remote districts.
"""
)


def _dump(text: str, content_type: str = "text/plain") -> Page:
    return Page(url="file:///dump.txt", site="dump", body=text.encode(), fetched_at=FETCHED, content_type=content_type)


def test_design_dump_gives_one_story_per_headline_with_dates() -> None:
    result = extract(_dump(DESIGN_DUMP))
    assert [s.headline for s in result.stories] == [
        "Tokayev and Khurelsukh Sign Trade and Satellite Agreements in Astana",
        "Kyrgyzstan Secures a $150 Million Loan for the Kambarata Hydropower Plant",
        "Узбекистан и Таджикистан открыли новый пункт пропуска на границе",
        "Kazakhstan and Mongolia Detail the Joint Satellite Deal",
    ]
    assert [s.published.day if s.published else None for s in result.stories] == [14, 14, 13, 13]
    assert [s.language for s in result.stories] == ["en", "en", "ru", "en"]
    assert [s.position for s in result.stories] == [0, 1, 2, 3]
    assert result.stories[0].text.startswith("The presidents of Kazakhstan")
    assert len(result.rates) == 5


def test_same_topic_told_twice_is_still_two_stories() -> None:
    result = extract(_dump(DESIGN_DUMP))
    satellite = [s for s in result.stories if "satellite" in s.text.lower()]
    assert len(satellite) == 2


def test_single_text_article_with_subheadings_is_not_split() -> None:
    text = """Kazakhstan Raises Minimum Wage From January
The government of Kazakhstan will raise the monthly minimum wage by ten percent from the first of January.
The labour ministry said about four hundred thousand workers in public services and retail will benefit.
Concerns of Employers
Employers' groups warned that small firms in rural areas could struggle with the higher costs.
What Comes Next
The ministry will review the wage again in the summer, officials said.
"""
    result = extract(_dump(text))
    assert len(result.stories) == 1
    story = result.stories[0]
    assert story.headline == "Kazakhstan Raises Minimum Wage From January"
    assert "Concerns of Employers" in story.text and "What Comes Next" in story.text


def test_text_without_headlines_is_one_story_headed_by_its_first_sentence() -> None:
    text = (
        "The national bank kept its rate unchanged on Friday. Analysts had expected the decision.\n"
        "Inflation slowed in November, the bank said, but food prices are still rising.\n"
    )
    result = extract(_dump(text))
    assert len(result.stories) == 1
    assert result.stories[0].headline == "The national bank kept its rate unchanged on Friday."


def test_html_page_holding_a_text_dump_is_segmented_by_date_lines() -> None:
    lines = "".join(f"<p>{line}</p>" for line in DESIGN_DUMP.splitlines() if line.strip())
    page = _dump(f"<html><head><title>Digest</title></head><body><div>{lines}</div></body></html>", "text/html")
    headlines = [s.headline for s in extract(page).stories]
    assert "Узбекистан и Таджикистан открыли новый пункт пропуска на границе" in headlines


def test_headline_shapes() -> None:
    assert is_headline_like("Kyrgyz Parliament Approves 2026 Budget")
    assert is_headline_like("Will the Tenge Hold?")
    assert not is_headline_like("The parliament approved the budget.")
    assert not is_headline_like("lower-case start is not a headline")
    assert is_title_case("Kazakhstan and Mongolia Agree on a Joint Satellite")
    assert not is_title_case("Kazakhstan and Mongolia agree on a joint satellite")


def test_segments_without_any_headline_make_one_segment() -> None:
    segments = segment_lines(["One long paragraph of running text that goes on and on about the economy."])
    assert len(segments) == 1 and segments[0].headline is None


DESIGN_PAGE = Path(__file__).parent / "samples" / "extract" / "design_page"
# Each story of the page shaped like DESIGN.md's example: its headline, one of its countries, one of its people.
DESIGN_STORIES = [
    ("Tokayev Hosts Khurelsukh in Astana as Kazakhstan and Mongolia Sign Eleven Agreements", "MN", "Tokayev"),
    ("Kyrgyzstan Secures a $150 Million Loan for the Kambarata Hydropower Plant", "KG", "Japarov"),
    ("Kazakhstan and Mongolia Detail Their Satellite Deal", "MN", "Zandanshatar"),
    ("Tajik Cosmonaut Trains for Mission", "TJ", "Rahmon"),
    ("Measles Cases Fall in Uzbekistan", "UZ", "Mirziyoyev"),
    ("Turkmenistan Opens Gas Compressor Station on the Route to China", "TM", "Berdimuhamedov"),
]


@pytest.mark.parametrize("name", ["design-page.txt", "design-page-no-separators.txt"])
def test_design_page_gives_six_stories_each_with_its_own_countries_and_people(name: str) -> None:
    result = extract(_dump((DESIGN_PAGE / name).read_text(encoding="utf-8")))
    assert [s.headline for s in result.stories] == [headline for headline, _, _ in DESIGN_STORIES]
    for story, (_, country, person) in zip(map(enrich, result.stories), DESIGN_STORIES):
        assert country in story.countries, (story.headline, story.countries)
        assert any(person in e.name for e in story.people), (story.headline, [e.name for e in story.people])
    assert len(result.rates) == 5


def test_markers_next_to_headlines_are_not_story_text() -> None:
    text = """12 March 2025
Almaty Opens Its First Cycle Highway Along the Big Almaty Canal
By Dana Omarova
The city opened a twelve-kilometre cycle lane along the canal on Tuesday, the mayor's office said.
Cyclists will be able to cross the city from north to south without meeting a single car.
Read more »
Samarkand hotels report a record spring season
13.03.2025
Hotels in Samarkand were almost fully booked for the Navruz holidays, the regional tourism office said.
Подробнее
"""
    result = extract(_dump(text))
    assert [s.headline for s in result.stories] == [
        "Almaty Opens Its First Cycle Highway Along the Big Almaty Canal",
        "Samarkand hotels report a record spring season",
    ]
    assert [s.published.day if s.published else None for s in result.stories] == [12, 13]
    assert result.stories[0].text.startswith("The city opened") and result.stories[0].text.endswith("single car.")
    assert result.stories[1].text.endswith("tourism office said.")
